export type GenesysErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'ambiguous'
  | 'config';

export interface GenesysErrorDetails {
  /**
   * Genesys ErrorBody code, e.g. 'missing.permissions'; for a request that got no answer, the
   * network error code (ECONNRESET, ECONNABORTED for a timeout).
   */
  code?: string;
  status?: number;
  contextId?: string;
  permission?: string;
  retryable?: boolean;
  cause?: unknown;
}

/** Kinds where a later run may succeed without anyone changing configuration. */
const retryableKinds: ReadonlySet<GenesysErrorKind> = new Set([
  'rate_limited',
  'server',
  'network',
  'ambiguous',
]);

/**
 * A failed Genesys call. `kind` is the stable category callers branch on; `code`, `status` and
 * `contextId` come from Genesys' ErrorBody so support can trace the request. Never carries the
 * client secret or a token.
 */
export class GenesysError extends Error {
  readonly kind: GenesysErrorKind;
  readonly code?: string;
  readonly status?: number;
  readonly contextId?: string;
  readonly permission?: string;
  readonly retryable: boolean;

  constructor(kind: GenesysErrorKind, message: string, details: GenesysErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GenesysError';
    this.kind = kind;
    if (details.code !== undefined) this.code = details.code;
    if (details.status !== undefined) this.status = details.status;
    if (details.contextId !== undefined) this.contextId = details.contextId;
    if (details.permission !== undefined) this.permission = details.permission;
    this.retryable = details.retryable ?? retryableKinds.has(kind);
  }
}

/** Whether a value is a GenesysError of one of these kinds. */
export function isGenesysError(
  error: unknown,
  ...kinds: GenesysErrorKind[]
): error is GenesysError {
  return error instanceof GenesysError && (kinds.length === 0 || kinds.includes(error.kind));
}
