export type PortalErrorCode = 'portal.user_name' | 'portal.password_too_short' | 'portal.listen';

/** Every failure of the portal carries a stable code and the context a person needs. */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  readonly code: PortalErrorCode;
  readonly context: Record<string, unknown>;

  constructor(
    code: PortalErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }
}
