// A second process for the lock tests: takes the lock on the file given as the first argument,
// reports it on stdout as one JSON line, then obeys one-word commands on stdin.
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { openStore } from './open-store.js';

const [file, runId] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: hold-lock.fixture.ts <db file> [run id]');

const store = openStore(file);
if (runId === '--open-only') {
  store.close();
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
  process.exit(0);
}
const lock = store.acquireLock(runId ? { runId } : {});
process.stdout.write(`${JSON.stringify({ pid: process.pid, holder: lock.holder })}\n`);

for await (const command of createInterface({ input: process.stdin })) {
  if (command === 'heartbeat') {
    try {
      lock.heartbeat();
      process.stdout.write('{"heartbeat":"ok"}\n');
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ heartbeat: (error as { code?: string }).code })}\n`);
    }
  } else if (command === 'hold-write') {
    // Keeps SQLite's write lock for a moment, as a long batch commit in another run would.
    const raw = new Database(file);
    raw.exec('BEGIN IMMEDIATE');
    process.stdout.write('{"holdingWrite":true}\n');
    setTimeout(() => {
      raw.exec('COMMIT');
      raw.close();
    }, 300);
  } else if (command === 'release') {
    lock.release();
    process.stdout.write('{"released":true}\n');
  }
}
store.close();
