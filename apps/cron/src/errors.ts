/**
 * Every failure the app reports carries one of these codes. The table below is the single place
 * that decides how a failure ends the process, so the CLI, the scheduler and the tests agree.
 */
export type AppErrorCode =
  | 'config.invalid'
  | 'config.env'
  | 'policy.invalid'
  | 'genesys.auth'
  | 'genesys.permission'
  | 'genesys.unreachable'
  | 'store.unavailable'
  | 'run.locked'
  | 'run.not_found'
  | 'report.unavailable'
  | 'portal.account';

export const EXIT = {
  ok: 0,
  someFailed: 1,
  cannotStart: 2,
  locked: 3,
} as const;

const exitByCode: Record<AppErrorCode, number> = {
  'config.invalid': EXIT.cannotStart,
  'config.env': EXIT.cannotStart,
  'policy.invalid': EXIT.cannotStart,
  'genesys.auth': EXIT.cannotStart,
  'genesys.permission': EXIT.cannotStart,
  'genesys.unreachable': EXIT.cannotStart,
  'store.unavailable': EXIT.cannotStart,
  'run.locked': EXIT.locked,
  'run.not_found': EXIT.cannotStart,
  'report.unavailable': EXIT.cannotStart,
  'portal.account': EXIT.cannotStart,
};

/** A failure a person can act on: `message` says what is wrong and where. */
export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  get exitCode(): number {
    return exitByCode[this.code];
  }
}
