import platformClient from 'purecloud-platform-client-v2';
import { GenesysError } from './genesys-error.js';

export type SdkApiClient = typeof platformClient.ApiClient;
export type UsersApi = InstanceType<typeof platformClient.UsersApi>;
export type GroupsApi = InstanceType<typeof platformClient.GroupsApi>;
export type VoicemailApi = InstanceType<typeof platformClient.VoicemailApi>;

export interface SdkHandles {
  apiClient: SdkApiClient;
  users: UsersApi;
  groups: GroupsApi;
  voicemail: VoicemailApi;
}

export interface EndpointOptions {
  region?: string;
  apiUrl?: string;
  loginUrl?: string;
  timeoutMs: number;
}

/**
 * A fresh, isolated SDK client. The package exports `ApiClient` as a ready-made process-wide
 * instance (not a class: `new platformClient.ApiClient()` throws), and API classes default to
 * that singleton, so we build our own instance from its constructor and hand it to every API
 * class explicitly. Two clients in one process then share no token and no base URL.
 */
export function createSdkClient(options: EndpointOptions): SdkHandles {
  const ApiClientClass = platformClient.ApiClient.constructor as new () => SdkApiClient;
  const apiClient = new ApiClientClass();

  // The constructor has already read ~/.genesyscloudjavascript/config and started watching it;
  // an empty path stops the watcher and keeps any later reload from touching our settings.
  apiClient.config.setConfigPath('');
  // A config file could have turned on SDK logging, which prints request headers (the token).
  apiClient.config.logger.log_level = 'none';
  apiClient.config.logger.log_to_console = false;
  apiClient.config.logger.setLogger();

  configureEndpoints(apiClient, options);
  apiClient.setReturnExtendedResponses(true);
  // The SDK copies this into its HTTP client when the first request creates it.
  setTimeoutMs(apiClient, options.timeoutMs);

  return {
    apiClient,
    users: new platformClient.UsersApi(apiClient),
    groups: new platformClient.GroupsApi(apiClient),
    voicemail: new platformClient.VoicemailApi(apiClient),
  };
}

function setTimeoutMs(apiClient: SdkApiClient, timeoutMs: number): void {
  // `timeout` is a plain property of the SDK client that its typings leave out.
  (apiClient as unknown as { timeout: number }).timeout = timeoutMs;
}

function configureEndpoints(apiClient: SdkApiClient, options: EndpointOptions): void {
  if (options.apiUrl === undefined) {
    if (options.loginUrl !== undefined) {
      throw new GenesysError('config', 'loginUrl needs apiUrl as well (or use region alone)');
    }
    apiClient.setEnvironment(options.region ?? 'mypurecloud.com');
    return;
  }
  const api = parseBaseUrl(options.apiUrl, 'apiUrl');
  const login = parseBaseUrl(options.loginUrl ?? options.apiUrl, 'loginUrl');
  // The SDK's gateway setting replaces the host of both login and API; only the paths differ.
  if (api.origin !== login.origin) {
    throw new GenesysError(
      'config',
      `apiUrl (${api.origin}) and loginUrl (${login.origin}) must share protocol, host and port`,
    );
  }
  apiClient.setGateway({
    host: api.hostname,
    protocol: api.protocol.replace(/:$/, ''),
    ...(api.port === '' ? {} : { port: Number(api.port) }),
    ...(trimPath(api.pathname) === '' ? {} : { path_params_api: trimPath(api.pathname) }),
    ...(trimPath(login.pathname) === '' ? {} : { path_params_login: trimPath(login.pathname) }),
  });
}

function parseBaseUrl(text: string, name: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new GenesysError('config', `${name} is not an http(s) URL: ${text}`);
  }
}

function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '');
}
