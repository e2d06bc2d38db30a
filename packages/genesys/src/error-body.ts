import { GenesysError, type GenesysErrorKind } from './genesys-error.js';

/** The fields of Genesys' ErrorBody this client reads; everything is optional on the wire. */
export interface ErrorBody {
  message?: string;
  code?: string;
  status?: number;
  contextId?: string;
  messageParams?: Record<string, unknown>;
  details?: Array<{ errorCode?: string; fieldName?: string; entityName?: string }>;
}

/** What a failed call looked like on the wire, independent of the SDK's shapes. */
export interface HttpFailure {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** Maps an HTTP status to the category callers branch on. */
export function kindForStatus(status: number): GenesysErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

export function readErrorBody(body: unknown): ErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  const result: ErrorBody = {};
  const message = text('message') ?? text('error_description') ?? text('description');
  if (message !== undefined) result.message = message;
  const code = text('code') ?? text('error');
  if (code !== undefined) result.code = code;
  if (typeof record.status === 'number') result.status = record.status;
  const contextId = text('contextId');
  if (contextId !== undefined) result.contextId = contextId;
  if (typeof record.messageParams === 'object' && record.messageParams !== null) {
    result.messageParams = record.messageParams as Record<string, unknown>;
  }
  return result;
}

/**
 * The permission a 403 names. Genesys puts it in the message ("You are missing the following
 * permission(s): [voicemail:voicemail:viewOther]") and sometimes in messageParams.
 */
export function missingPermission(body: ErrorBody): string | undefined {
  const fromMessage = body.message?.match(/permission\(?s?\)?[^[]*\[([^\]]+)\]/i)?.[1];
  if (fromMessage !== undefined) return fromMessage.trim();
  for (const value of Object.values(body.messageParams ?? {})) {
    if (typeof value === 'string' && /^[\w-]+:[\w-]+:[\w-]+$/.test(value)) return value;
  }
  return undefined;
}

/** Removes secrets that a server might echo back, so they never reach a log or an error. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** Builds the error a person can act on from a failed answer. */
export function errorFromFailure(
  failure: HttpFailure,
  secrets: readonly string[],
  kind: GenesysErrorKind = kindForStatus(failure.status),
): GenesysError {
  const body = readErrorBody(failure.body);
  const contextId = body.contextId ?? failure.headers['inin-correlation-id'];
  const permission = failure.status === 403 ? missingPermission(body) : undefined;
  const what =
    permission !== undefined
      ? `missing permission ${permission}`
      : `${failure.status} ${body.code ?? 'error'}: ${body.message ?? 'no message'}`;
  const where = contextId === undefined ? '' : ` (contextId ${contextId})`;
  const message = redact(
    `Genesys refused ${failure.method} ${failure.path}: ${what}${where}`,
    secrets,
  );
  return new GenesysError(kind, message, {
    status: failure.status,
    ...(body.code === undefined ? {} : { code: body.code }),
    ...(contextId === undefined ? {} : { contextId }),
    ...(permission === undefined ? {} : { permission }),
  });
}
