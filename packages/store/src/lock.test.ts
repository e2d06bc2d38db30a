import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LockHeldError } from './errors.js';
import { openStore } from './open-store.js';
import { tempDir } from './test-helpers.js';

const FIXTURE = fileURLToPath(new URL('./hold-lock.fixture.ts', import.meta.url));
const MINUTE = 60_000;

interface Holder {
  child: ChildProcess;
  pid: number;
  holder: string;
  /** Sends a command and resolves with the next JSON line the child writes. */
  send(command: string): Promise<Record<string, unknown>>;
}

async function nextLine(lines: Interface): Promise<Record<string, unknown>> {
  const [line] = (await once(lines, 'line')) as [string];
  return JSON.parse(line) as Record<string, unknown>;
}

/** Starts a real second process that takes the lock on `file`. */
async function holdLockElsewhere(file: string, runId?: string): Promise<Holder> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', FIXTURE, file, ...(runId ? [runId] : [])],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  if (!child.stdout || !child.stdin) throw new Error('child without pipes');
  const lines = createInterface({ input: child.stdout });
  const stdin = child.stdin;
  const first = await nextLine(lines);
  return {
    child,
    pid: Number(first.pid),
    holder: String(first.holder),
    send(command) {
      stdin.write(`${command}\n`);
      return nextLine(lines);
    },
  };
}

function lockHeld(fn: () => unknown): LockHeldError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LockHeldError) return error;
    throw error;
  }
  throw new Error('expected LockHeldError');
}

describe('the run lock', () => {
  it('refuses a second process, naming the holder and since when', async () => {
    const file = join(tempDir(), 'handover.db');
    const before = new Date();
    const other = await holdLockElsewhere(file, '20261203T020000Z-beef');
    const store = openStore(file);

    const error = lockHeld(() => store.acquireLock({}));
    expect(error.code).toBe('store.lock_held');
    expect(error).toMatchObject({
      pid: other.pid,
      host: hostname(),
      runId: '20261203T020000Z-beef',
    });
    expect(error.holder).toBe(`pid ${other.pid} on ${hostname()} (run 20261203T020000Z-beef)`);
    expect(error.since.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(error.message).toContain(error.holder);
    expect(error.message).toContain(`since ${error.since.toISOString()}`);

    expect(await other.send('release')).toEqual({ released: true });
    const lock = store.acquireLock({});
    expect(lock.holder).toBe(`pid ${process.pid} on ${hostname()}`);
    lock.release();
    store.close();
  });

  it('takes over at once from a holder on this host whose process died', async () => {
    const file = join(tempDir(), 'handover.db');
    const other = await holdLockElsewhere(file);
    other.child.kill('SIGKILL');
    await once(other.child, 'exit');

    const store = openStore(file);
    const lock = store.acquireLock({}, { staleAfterMs: 60 * MINUTE });
    expect(lock.holder).toContain(`pid ${process.pid}`);
    lock.release();
    store.close();
  });

  it('takes over a stale lock from a live process, which then learns it lost the lock', async () => {
    const file = join(tempDir(), 'handover.db');
    const other = await holdLockElsewhere(file);
    expect(await other.send('heartbeat')).toEqual({ heartbeat: 'ok' });

    const later = openStore(file, { now: () => new Date(Date.now() + 11 * MINUTE) });
    const lock = later.acquireLock({ runId: 'late-run' });
    expect(lock.holder).toBe(`pid ${process.pid} on ${hostname()} (run late-run)`);

    expect(await other.send('heartbeat')).toEqual({ heartbeat: 'store.lock_lost' });
    // The stale holder's release must not free the new holder's lock.
    await other.send('release');
    const third = openStore(file);
    expect(lockHeld(() => third.acquireLock({})).runId).toBe('late-run');

    lock.release();
    later.close();
    third.close();
  });

  it('keeps a lock from another host until it goes stale, then takes it over', () => {
    const file = join(tempDir(), 'handover.db');
    let now = new Date('2026-12-03T02:00:00Z');
    const store = openStore(file, { now: () => now });
    // pid 1 on another host: its liveness cannot be probed from here.
    store.acquireLock({ pid: 1, host: 'elsewhere' });

    now = new Date('2026-12-03T02:09:59Z');
    const held = lockHeld(() => store.acquireLock({}, { staleAfterMs: 10 * MINUTE }));
    expect(held.holder).toBe('pid 1 on elsewhere');
    expect(held.since).toEqual(new Date('2026-12-03T02:00:00Z'));

    now = new Date('2026-12-03T02:10:01Z');
    const lock = store.acquireLock({}, { staleAfterMs: 10 * MINUTE });
    expect(lock.holder).toContain(`pid ${process.pid}`);
    store.close();
  });

  it('stays held while the holder heartbeats', () => {
    const file = join(tempDir(), 'handover.db');
    let now = new Date('2026-12-03T02:00:00Z');
    const store = openStore(file, { now: () => now });
    const lock = store.acquireLock({ pid: 1, host: 'elsewhere' });

    now = new Date('2026-12-03T02:09:00Z');
    lock.heartbeat();
    now = new Date('2026-12-03T02:15:00Z');
    expect(() => store.acquireLock({})).toThrow(LockHeldError);
    store.close();
  });

  it('names the run in the lock once this store starts one', () => {
    const file = join(tempDir(), 'handover.db');
    const store = openStore(file);
    const lock = store.acquireLock({});
    const run = store.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });

    const other = openStore(file);
    const held = lockHeld(() => other.acquireLock({}));
    expect(held.runId).toBe(run.id);
    expect(held.holder).toContain(`(run ${run.id})`);
    lock.release();
    lock.release();
    other.close();
    store.close();
  });

  it('waits out another process holding the write lock instead of failing with SQLITE_BUSY', async () => {
    const file = join(tempDir(), 'handover.db');
    const store = openStore(file);
    const other = await holdLockElsewhere(file);
    expect(await other.send('hold-write')).toEqual({ holdingWrite: true });

    // Blocks in busy_timeout until the other process commits, about 300 ms later.
    const run = store.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });
    expect(store.getRun(run.id)?.status).toBe('running');
    store.close();
  });

  it('lets several processes open one fresh file at once, migrating it exactly once', async () => {
    const file = join(tempDir(), 'fresh', 'handover.db');
    const children = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['--import', 'tsx', FIXTURE, file, '--open-only'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const results = await Promise.all(
      children.map(async (child) => {
        let out = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.stderr?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        const [code] = (await once(child, 'exit')) as [number | null];
        return { code, out: out.trim() };
      }),
    );
    expect(results).toEqual(Array(3).fill({ code: 0, out: '{"opened":true}' }));

    const store = openStore(file);
    expect(store.countRuns()).toBe(0);
    store.close();
  });
});
