import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { StoreError } from './errors.js';
import type { Logger } from './logger.js';

/** The committed drizzle-kit output, shipped with the source. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

// Same table and columns as drizzle-orm's own migrator, so drizzle-kit tooling still reads it.
const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Applies the committed migrations that the database lacks, all in one IMMEDIATE transaction.
 * drizzle-orm's migrator reads the applied list outside its transaction, so two processes
 * opening a fresh file at once could both try to create the tables; taking the write lock
 * first makes the second one wait and then find nothing to do. A database holding a migration
 * newer than any this program knows was written by a newer version and is refused.
 */
export function applyMigrations(sqlite: Database.Database, file: string, logger: Logger): void {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const newestKnown = Math.max(0, ...migrations.map((m) => m.folderMillis));

  const run = sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ` +
        '(id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
    );
    const row = sqlite
      .prepare(`SELECT max(created_at) AS newest FROM "${MIGRATIONS_TABLE}"`)
      .get() as { newest: number | null };
    const newestApplied = row.newest === null ? 0 : Number(row.newest);

    if (newestApplied > newestKnown) {
      throw new StoreError(
        'store.too_new',
        `database ${file} was written by a newer version of Handover (schema from ` +
          `${new Date(newestApplied).toISOString()}, this program knows up to ` +
          `${new Date(newestKnown).toISOString()}); upgrade Handover or point it at another file`,
        { context: { file, newestApplied, newestKnown } },
      );
    }

    const insert = sqlite.prepare(
      `INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`,
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.folderMillis <= newestApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== '') sqlite.exec(statement);
      }
      insert.run(migration.hash, migration.folderMillis);
      applied.push(migration.folderMillis);
    }
    return applied;
  });

  try {
    const applied = run.immediate();
    if (applied.length > 0) logger.info({ file, applied }, 'store.migrated');
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('store.migrate', `could not migrate database ${file}: ${String(error)}`, {
      cause: error,
      context: { file },
    });
  }
}
