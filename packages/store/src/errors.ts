export type StoreErrorCode =
  | 'store.open'
  | 'store.too_new'
  | 'store.migrate'
  | 'store.lock_held'
  | 'store.lock_lost'
  | 'store.unknown_run'
  | 'store.invalid_transition'
  | 'store.run_id'
  | 'store.portal_user_exists'
  | 'store.portal_unknown_user';

/** Every failure of the store carries a stable code and the context a person needs. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  readonly code: StoreErrorCode;
  readonly context: Record<string, unknown>;

  constructor(
    code: StoreErrorCode,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** Another run holds the lock; the message names the holder and since when. */
export class LockHeldError extends StoreError {
  override readonly name = 'LockHeldError';
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
  readonly since: Date;
  readonly runId?: string;

  constructor(lock: {
    holder: string;
    pid: number;
    host: string;
    since: Date;
    runId?: string;
    heartbeatAt: Date;
  }) {
    super(
      'store.lock_held',
      `another run holds the lock: ${lock.holder} since ${lock.since.toISOString()} ` +
        `(last heartbeat ${lock.heartbeatAt.toISOString()})`,
      { context: { ...lock } },
    );
    this.holder = lock.holder;
    this.pid = lock.pid;
    this.host = lock.host;
    this.since = lock.since;
    if (lock.runId !== undefined) this.runId = lock.runId;
  }
}
