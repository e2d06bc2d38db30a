import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { openStore } from './open-store.js';
import { manualClock, tempDir } from './test-helpers.js';

const params = { N: 1024, r: 8, p: 1, keyLength: 32 };

function setup() {
  const clock = manualClock();
  const store = openStore(join(tempDir(), 'handover.db'), { now: clock.now });
  const addUser = (name: string) =>
    store.addPortalUser({ name, passwordHash: `hash-${name}`, salt: `salt-${name}`, params });
  return { store, clock, addUser };
}

function session(id: string, userName: string, at: string) {
  const now = new Date(at);
  return {
    id,
    userName,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    lastSeenAt: now,
  };
}

describe('portal users', () => {
  it('adds, lists by name, exposes credentials only on request, and removes', () => {
    const { store, addUser } = setup();
    addUser('zoe');
    addUser('adam');

    expect(store.listPortalUsers()).toEqual([
      { name: 'adam', createdAt: new Date('2026-12-03T02:00:00.000Z') },
      { name: 'zoe', createdAt: new Date('2026-12-03T02:00:00.000Z') },
    ]);
    expect(store.portalCredentials('zoe')).toMatchObject({
      name: 'zoe',
      passwordHash: 'hash-zoe',
      salt: 'salt-zoe',
      params,
    });
    expect(store.portalCredentials('nobody')).toBeUndefined();

    expect(store.removePortalUser('zoe')).toBe(true);
    expect(store.removePortalUser('zoe')).toBe(false);
    expect(store.listPortalUsers().map((user) => user.name)).toEqual(['adam']);
    store.close();
  });

  it('refuses a second account with the same name', () => {
    const { store, addUser } = setup();
    addUser('ana');
    const attempt = () => addUser('ana');
    expect(attempt).toThrow(StoreError);
    expect(attempt).toThrow(/already exists/);
    try {
      attempt();
    } catch (error) {
      expect((error as StoreError).code).toBe('store.portal_user_exists');
    }
    store.close();
  });
});

describe('portal sessions', () => {
  it('stores, finds, touches and deletes a session by its hashed id', () => {
    const { store, addUser } = setup();
    addUser('ana');
    store.createPortalSession(session('h1', 'ana', '2026-12-03T08:00:00Z'));

    expect(store.portalSession('h1')).toMatchObject({ userName: 'ana' });
    store.touchPortalSession('h1', new Date('2026-12-03T08:10:00Z'));
    expect(store.portalSession('h1')?.lastSeenAt).toEqual(new Date('2026-12-03T08:10:00Z'));

    store.deletePortalSession('h1');
    expect(store.portalSession('h1')).toBeUndefined();
    store.close();
  });

  it('ends the sessions of a removed user and refuses sessions for unknown users', () => {
    const { store, addUser } = setup();
    addUser('ana');
    store.createPortalSession(session('h1', 'ana', '2026-12-03T08:00:00Z'));
    store.removePortalUser('ana');

    expect(store.portalSession('h1')).toBeUndefined();
    expect(() => store.createPortalSession(session('h2', 'ana', '2026-12-03T08:00:00Z'))).toThrow(
      /no portal user "ana"/,
    );
    store.close();
  });

  it('deletes expired and idle sessions only', () => {
    const { store, addUser } = setup();
    addUser('ana');
    store.createPortalSession(session('expired', 'ana', '2026-12-03T06:00:00Z'));
    store.createPortalSession(session('idle', 'ana', '2026-12-03T07:30:00Z'));
    store.createPortalSession(session('fresh', 'ana', '2026-12-03T07:55:00Z'));

    const removed = store.deleteStalePortalSessions(
      new Date('2026-12-03T08:00:00Z'),
      new Date('2026-12-03T07:45:00Z'),
    );
    expect(removed).toBe(2);
    expect(store.portalSession('fresh')).toBeDefined();
    expect(store.portalSession('idle')).toBeUndefined();
    store.close();
  });
});

describe('portal download log and sign-in failures', () => {
  it('keeps downloads per run, newest first, after the account is gone', () => {
    const { store, addUser } = setup();
    addUser('ana');
    const run = store.startRun({
      mode: 'live',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });
    const other = store.startRun({
      mode: 'dry-run',
      trigger: 'manual',
      policySha256: 'p',
      version: '1',
    });
    store.recordPortalDownload({ userName: 'ana', runId: run.id, at: new Date(1000) });
    store.recordPortalDownload({
      userName: 'ana',
      runId: run.id,
      at: new Date(2000),
      ip: '10.0.0.9',
    });
    store.recordPortalDownload({ userName: 'ana', runId: other.id, at: new Date(3000) });
    store.removePortalUser('ana');

    expect(store.portalDownloads(run.id)).toEqual([
      { userName: 'ana', runId: run.id, at: new Date(2000), ip: '10.0.0.9' },
      { userName: 'ana', runId: run.id, at: new Date(1000) },
    ]);
    expect(() =>
      store.recordPortalDownload({ userName: 'ana', runId: 'no-such-run', at: new Date() }),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('counts failures per user and per address inside the window, and clears them', () => {
    const { store } = setup();
    const at = (iso: string) => new Date(iso);
    store.recordPortalLoginFailure({ userName: 'ana', ip: '1.1.1.1', at: at('2026-12-03T07:00Z') });
    store.recordPortalLoginFailure({ userName: 'ana', ip: '2.2.2.2', at: at('2026-12-03T07:50Z') });
    store.recordPortalLoginFailure({ userName: 'bob', ip: '2.2.2.2', at: at('2026-12-03T07:55Z') });

    const since = at('2026-12-03T07:45Z');
    expect(store.countPortalLoginFailures({ userName: 'ana', ip: '2.2.2.2', since })).toEqual({
      byUser: 1,
      byIp: 2,
    });

    expect(store.clearPortalLoginFailures({ before: since })).toBe(1);
    expect(store.clearPortalLoginFailures({ userName: 'ana' })).toBe(1);
    expect(store.countPortalLoginFailures({ userName: 'x', ip: '2.2.2.2', since })).toEqual({
      byUser: 0,
      byIp: 1,
    });
    store.close();
  });
});
