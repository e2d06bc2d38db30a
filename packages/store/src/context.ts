import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Logger } from './logger.js';
import type * as schema from './schema.js';

/** What every part of the store shares: the connection and the injected clock and randomness. */
export interface StoreContext {
  readonly file: string;
  readonly db: BetterSQLite3Database<typeof schema>;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly randomHex: () => string;
  readonly isProcessAlive: (pid: number) => boolean;
  readonly hostname: string;
  /** Token of the lock this store instance holds, if any; lets startRun name itself in it. */
  heldLockToken: string | undefined;
}
