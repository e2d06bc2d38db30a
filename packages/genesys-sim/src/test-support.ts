import { SIM_CLIENT } from './generate-org.js';
import type { Simulator } from './types.js';

/** Test helper: a fresh token for the default simulator client over real HTTP. */
export async function fetchToken(
  sim: Simulator,
  clientId = SIM_CLIENT.clientId,
  clientSecret = SIM_CLIENT.clientSecret,
): Promise<Response> {
  return fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
}

export async function accessToken(sim: Simulator, clientId?: string, secret?: string) {
  const response = await fetchToken(sim, clientId, secret);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** A JSON answer from the simulator; the body type is what the test expects to get. */
export interface JsonAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorJson {
  message: string;
  code: string;
  status: number;
  contextId: string;
  messageParams?: Record<string, string>;
  details: unknown[];
  errors: unknown[];
}

export interface Ref {
  id: string;
  selfUri?: string;
}

export interface UserJson {
  id: string;
  name: string;
  email: string;
  state: string;
  department?: string;
  title?: string;
  division: { id: string; name: string; selfUri: string };
  manager?: Ref;
  groups?: Ref[];
  locations?: Array<{ id: string; locationDefinition: { id: string; name: string } }>;
  selfUri: string;
}

export interface ListingJson<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  nextUri?: string;
  lastUri: string;
}

export interface SearchJson<T> {
  total: number;
  pageSize: number;
  pageNumber: number;
  pageCount: number;
  /** Absent when nothing matches. */
  results?: T[];
  nextPage?: string;
}

export interface VoicemailJson {
  id: string;
  read: boolean;
  createdDate: string;
  callerName?: string;
  callerAddress?: string;
  audioRecordingDurationSeconds?: number;
  audioRecordingSizeBytes: number;
  deleted: boolean;
  user?: Ref;
  group?: Ref;
  copiedFrom?: { user?: Ref; group?: Ref; date: string };
  copiedTo?: Array<{ user?: Ref; group?: Ref; date: string }>;
  selfUri: string;
}

/** Test helper: calls an /api/v2 path with a bearer token; a `json` value is POSTed. */
export async function api<T = ErrorJson>(
  sim: Simulator,
  token: string | undefined,
  path: string,
  json?: unknown,
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { headers };
  if (json !== undefined) {
    init.method = 'POST';
    headers['content-type'] = 'application/json';
    init.body = typeof json === 'string' ? json : JSON.stringify(json);
  }
  const response = await fetch(`${sim.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as T,
  };
}
