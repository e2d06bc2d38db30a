/** What the SDK rejected with, sorted into an answer from the server or a failure to get one. */
export type WireFailure =
  | {
      type: 'answer';
      status: number;
      headers: Record<string, string | undefined>;
      body: unknown;
    }
  | { type: 'network'; code: string; message: string; sent: boolean }
  | { type: 'local'; error: unknown };

/** Error codes meaning the request never reached a server, so it cannot have acted. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

/**
 * Sorts an SDK rejection. With extended responses on, an answered request rejects with
 * `{status, headers, body, error}`; the login call rejects with the axios error whose `response`
 * holds the answer; a request without an answer rejects with the bare axios error.
 */
export function readWireFailure(raw: unknown): WireFailure {
  if (typeof raw !== 'object' || raw === null) return { type: 'local', error: raw };
  const record = raw as Record<string, unknown>;
  if (typeof record.status === 'number' && 'body' in record) {
    return answer(record.status, record.headers, record.body);
  }
  const response = record.response as Record<string, unknown> | undefined;
  if (typeof response === 'object' && response !== null && typeof response.status === 'number') {
    return answer(response.status, response.headers, response.data);
  }
  if (record.isAxiosError === true) {
    const code = typeof record.code === 'string' ? record.code : 'ERR_NETWORK';
    const message = typeof record.message === 'string' ? record.message : code;
    return { type: 'network', code, message, sent: !notSentCodes.has(code) };
  }
  return { type: 'local', error: raw };
}

function answer(status: number, rawHeaders: unknown, body: unknown): WireFailure {
  return { type: 'answer', status, headers: normalizeHeaders(rawHeaders), body };
}

/** Lower-cased string headers; axios hands over an AxiosHeaders object or a plain record. */
export function normalizeHeaders(raw: unknown): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  if (typeof raw !== 'object' || raw === null) return result;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') result[key.toLowerCase()] = value;
    else if (typeof value === 'number') result[key.toLowerCase()] = String(value);
  }
  return result;
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined when absent or invalid. */
export function retryAfterMs(
  headers: Record<string, string | undefined>,
  now: number,
): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
