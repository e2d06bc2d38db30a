import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Logger } from './logger.js';
import type * as schema from './schema.js';

/** What every part of the store shares: the connection and the injected clock and randomness. */
export interface StoreContext {
  readonly file: string;
  readonly db: BetterSQLite3Database<typeof schema>;
  /** The raw connection, for the hot write paths that run thousands of times per run. */
  readonly sqlite: Database.Database;
  /** A prepared statement, compiled once per store; drizzle rebuilds its SQL on every call. */
  statement(sql: string): Database.Statement;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly randomHex: () => string;
  readonly isProcessAlive: (pid: number) => boolean;
  readonly hostname: string;
  /** Token of the lock this store instance holds, if any; lets startRun name itself in it. */
  heldLockToken: string | undefined;
  /** The staleness last asked of acquireLock, so abandonStaleRuns judges the lock the same way. */
  staleAfterMs: number;
}
