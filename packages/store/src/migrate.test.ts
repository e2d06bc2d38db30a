import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { MIGRATIONS_FOLDER } from './migrate.js';
import { openStore } from './open-store.js';
import { tempDir } from './test-helpers.js';

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as Array<{ name: string }>;
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('openStore', () => {
  it('builds the schema from the committed migrations on an empty file, in a new folder', () => {
    const file = join(tempDir(), 'nested', 'data', 'handover.db');
    const store = openStore(file);
    store.close();

    expect(tableNames(file)).toEqual([
      '__drizzle_migrations',
      'forwards',
      'leavers',
      'planned_forwards',
      'portal_downloads',
      'portal_login_failures',
      'portal_sessions',
      'portal_users',
      'report_items',
      'run_lock',
      'runs',
      'sqlite_sequence',
    ]);
  });

  it('turns on WAL and enforces foreign keys', () => {
    const file = join(tempDir(), 'handover.db');
    openStore(file).close();
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }

    const store = openStore(file);
    // foreign_keys is per connection: prove it through the store's own behaviour.
    expect(() =>
      store.markPending('no-such-run', [
        { messageId: 'm', recipientType: 'user', recipientId: 'u', leaverId: 'l', rule: 'r' },
      ]),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('applies nothing twice when reopened, keeping the data', () => {
    const file = join(tempDir(), 'handover.db');
    const first = openStore(file);
    const run = first.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });
    first.close();

    const second = openStore(file);
    expect(second.getRun(run.id)?.status).toBe('running');
    second.close();

    const db = new Database(file, { readonly: true });
    const applied = db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
    db.close();
    expect(applied).toEqual({
      n: readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length,
    });
  });

  it('refuses a database written by a newer version, naming the file', () => {
    const file = join(tempDir(), 'handover.db');
    openStore(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'from-the-future',
      Date.parse('2099-01-01T00:00:00Z'),
    );
    db.close();

    const error = catchError(() => openStore(file));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store.too_new' });
    expect(String(error.message)).toContain(file);
    expect(String(error.message)).toMatch(/newer version of Handover/);
  });

  it('reports a path it cannot create as store.open, naming the path', () => {
    const dir = tempDir();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'plain file');
    const file = join(blocker, 'handover.db');

    const error = catchError(() => openStore(file));
    expect(error).toMatchObject({ code: 'store.open' });
    expect(error.message).toContain(file);
  });

  it('reports a file that is not a database as store.open', () => {
    const file = join(tempDir(), 'handover.db');
    writeFileSync(file, 'this is not an SQLite database, just text that is long enough'.repeat(20));

    const error = catchError(() => openStore(file));
    expect(error).toMatchObject({ code: 'store.open' });
    expect(error.message).toContain(file);
  });
});

function catchError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}
