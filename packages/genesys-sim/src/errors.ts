/**
 * A Genesys-style failure raised inside a route handler. The server turns it into an ErrorBody
 * answer; `code` is Genesys' stable error code (e.g. 'resource.not.found').
 */
export class SimHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageParams: Record<string, string> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { messageParams?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'SimHttpError';
    this.status = status;
    this.code = code;
    this.messageParams = extra.messageParams;
    this.headers = extra.headers ?? {};
  }
}

/** Genesys' ErrorBody as every /api/v2 failure carries it. */
export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  messageParams?: Record<string, string>;
  details: Array<{ errorCode?: string; fieldName?: string; entityId?: string }>;
  errors: ErrorBody[];
}

/** Builds the ErrorBody for `error`, stamped with the answer's `contextId`. */
export function errorBody(error: SimHttpError, contextId: string): ErrorBody {
  const body: ErrorBody = {
    message: error.message,
    code: error.code,
    status: error.status,
    contextId,
    details: [],
    errors: [],
  };
  if (error.messageParams) {
    body.messageParams = error.messageParams;
    body.details = Object.values(error.messageParams).map((value) => ({
      errorCode: error.code,
      fieldName: value,
    }));
  }
  return body;
}

export function notFound(what: string, id: string): SimHttpError {
  return new SimHttpError(404, 'resource.not.found', `Unable to find a ${what} with id ${id}`);
}

export function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, 'bad.request', message);
}
