import { describe, expect, it } from 'vitest';
import { isGenesysError } from './genesys-error.js';
import { createSdkClient } from './sdk-client.js';

function baseUrls(options: Parameters<typeof createSdkClient>[0]) {
  const { apiClient } = createSdkClient(options);
  const config = apiClient.config;
  return {
    api: config.getConfUrl('api', config.basePath),
    login: config.getConfUrl('login', config.authUrl),
  };
}

describe('createSdkClient', () => {
  it('derives api and login hosts from a region', () => {
    expect(baseUrls({ region: 'mypurecloud.ie', timeoutMs: 1_000 })).toEqual({
      api: 'https://api.mypurecloud.ie',
      login: 'https://login.mypurecloud.ie',
    });
  });

  it('sends login and API to one local origin, overriding the region', () => {
    expect(
      baseUrls({ region: 'usw2.pure.cloud', apiUrl: 'http://127.0.0.1:4321', timeoutMs: 1_000 }),
    ).toEqual({ api: 'http://127.0.0.1:4321', login: 'http://127.0.0.1:4321' });
  });

  it('keeps gateway paths for login and API apart', () => {
    expect(
      baseUrls({
        apiUrl: 'https://gateway.example.com/genesys/api/',
        loginUrl: 'https://gateway.example.com/genesys/login',
        timeoutMs: 1_000,
      }),
    ).toEqual({
      api: 'https://gateway.example.com/genesys/api',
      login: 'https://gateway.example.com/genesys/login',
    });
  });

  it('refuses login and API on different origins, which the SDK cannot express', () => {
    const attempt = () =>
      createSdkClient({
        apiUrl: 'https://api.example.com',
        loginUrl: 'https://login.example.com',
        timeoutMs: 1_000,
      });
    expect(attempt).toThrow(/must share protocol, host and port/);
    try {
      attempt();
    } catch (error) {
      expect(isGenesysError(error, 'config')).toBe(true);
    }
  });

  it('builds instances that share nothing with each other or the SDK singleton', () => {
    const first = createSdkClient({ apiUrl: 'http://127.0.0.1:1', timeoutMs: 1_000 });
    const second = createSdkClient({ region: 'mypurecloud.de', timeoutMs: 1_000 });
    first.apiClient.setAccessToken('first-token');
    expect(first.apiClient).not.toBe(second.apiClient);
    expect(first.apiClient.config).not.toBe(second.apiClient.config);
    expect(second.apiClient.config.getConfUrl('api', second.apiClient.config.basePath)).toBe(
      'https://api.mypurecloud.de',
    );
    const auth = (client: object) =>
      (client as { authentications: Record<string, { accessToken?: string }> }).authentications[
        'PureCloud OAuth'
      ]?.accessToken;
    expect(auth(first.apiClient)).toBe('first-token');
    expect(auth(second.apiClient)).toBeUndefined();
    expect(first.apiClient.config.configPath).toBe('');
  });
});
