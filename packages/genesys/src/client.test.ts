import { demoOrg, type OrgSeed, type SimUser } from '@handover/genesys-sim';
import { describe, expect, it } from 'vitest';
import { isGenesysError } from './genesys-error.js';
import { collect, ids, startHarness } from './test-harness.js';

const org = demoOrg(new Date('2026-06-01T00:00:00Z'));

function seedUsers(state: SimUser['state']): SimUser[] {
  return org.users.filter((user) => user.state === state);
}

function firstOf<T>(items: T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`the demo org has no ${what}`);
  return item;
}

/** A leaver with the most unread messages, to exercise paging. */
function busiestLeaver(seed: OrgSeed): SimUser {
  const counts = new Map<string, number>();
  for (const message of seed.voicemails) {
    if (message.ownerUserId !== undefined && message.deleted !== true) {
      counts.set(message.ownerUserId, (counts.get(message.ownerUserId) ?? 0) + 1);
    }
  }
  const leavers = seedUsers('inactive').sort(
    (a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0),
  );
  return firstOf(leavers, 'inactive user');
}

describe('directory', () => {
  it('lists every user of a state across pages the server caps below the size asked', async () => {
    const { client, sim } = await startHarness(org, { maxPageSize: { users: 3 } });
    for (const state of ['active', 'inactive', 'deleted'] as const) {
      const users = await collect(client.listUsers(state, { pageSize: 500 }));
      expect(ids(users)).toEqual(
        seedUsers(state)
          .map((user) => user.id)
          .sort(),
      );
      expect(users.every((user) => user.state === state)).toBe(true);
    }
    const listingCalls = sim.stats().byRoute['GET /api/v2/users'] ?? 0;
    const minimum = ['active', 'inactive', 'deleted'].reduce(
      (sum, state) => sum + Math.max(1, Math.ceil(seedUsers(state as SimUser['state']).length / 3)),
      0,
    );
    expect(listingCalls).toBe(minimum);
  });

  it('maps manager, groups, locations and division into the domain shape', async () => {
    const { client } = await startHarness(org);
    const seed = firstOf(
      org.users.filter(
        (user) =>
          user.managerId !== undefined &&
          (user.groupIds?.length ?? 0) > 0 &&
          (user.locationIds?.length ?? 0) > 0,
      ),
      'user with manager, groups and locations',
    );
    const user = await client.getUser(seed.id);
    expect(user).toMatchObject({
      id: seed.id,
      name: seed.name,
      email: seed.email,
      state: seed.state,
      managerId: seed.managerId,
      groupIds: seed.groupIds,
      locationNames: (seed.locationIds ?? []).map(
        (id) => org.locations.find((location) => location.id === id)?.name,
      ),
    });
    const division = org.divisions.find((candidate) => candidate.id === seed.divisionId);
    expect(user?.division).toEqual({ id: division?.id, name: division?.name });
  });

  it('gets one user in any state and answers undefined for an unknown id', async () => {
    const { client } = await startHarness(org);
    for (const state of ['active', 'inactive', 'deleted'] as const) {
      const seed = firstOf(seedUsers(state), `${state} user`);
      expect((await client.getUser(seed.id))?.state).toBe(state);
    }
    expect(await client.getUser('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('looks up many users at once in any state, leaving unknown ids out', async () => {
    const { client, sim } = await startHarness(org);
    const wanted = org.users.map((user) => user.id);
    const users = await client.getUsers([...wanted, '00000000-0000-4000-8000-00000000dead']);
    expect(ids(users)).toEqual([...wanted].sort());
    expect(sim.stats().byRoute['GET /api/v2/users']).toBe(1);
  });

  it('finds users by email in any state, ignoring case', async () => {
    const { client } = await startHarness(org);
    const inactive = firstOf(seedUsers('inactive'), 'inactive user');
    const deleted = firstOf(seedUsers('deleted'), 'deleted user');
    const found = await client.findUsersByEmail([
      'OPS-LEAD@example.com',
      inactive.email,
      deleted.email,
      'nobody@example.com',
    ]);
    expect(found.map((user) => user.email?.toLowerCase()).sort()).toEqual(
      ['ops-lead@example.com', inactive.email.toLowerCase(), deleted.email.toLowerCase()].sort(),
    );
  });

  it('gets groups by id and finds them by exact name only', async () => {
    const { client } = await startHarness(org);
    const seed = firstOf(
      org.groups.filter((group) => group.name === 'Sales Voicemail'),
      'Sales Voicemail group',
    );
    expect(await client.getGroup(seed.id)).toEqual({
      id: seed.id,
      name: 'Sales Voicemail',
      state: seed.state ?? 'active',
    });
    expect(await client.getGroup('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const found = await client.findGroupsByName(['sales voicemail', 'Support Archive', 'Sales']);
    expect(found.map((group) => group.name).sort()).toEqual(['Sales Voicemail', 'Support Archive']);
  });
});

describe('voicemail', () => {
  it('reads the mailbox summary of a leaver', async () => {
    const { client, sim } = await startHarness(org);
    const leaver = busiestLeaver(org);
    const messages = sim.mailbox(leaver.id);
    const mailbox = await client.getMailbox(leaver.id);
    expect(mailbox.totalCount).toBe(messages.length);
    expect(mailbox.unreadCount).toBe(messages.filter((message) => !message.read).length);
  });

  it('lists every message across capped pages, newest first, with the fields mapped', async () => {
    const { client, sim } = await startHarness(org, { maxPageSize: { voicemail: 2 } });
    const leaver = busiestLeaver(org);
    const expected = sim.mailbox(leaver.id);
    expect(expected.length).toBeGreaterThan(2);
    const pages: number[] = [];
    const messages = [];
    for await (const page of client.listVoicemails(leaver.id)) {
      pages.push(page.length);
      messages.push(...page);
    }
    expect(messages.map((message) => message.id)).toEqual(expected.map((message) => message.id));
    expect(pages.every((size) => size <= 2)).toBe(true);
    const first = messages[0];
    const seed = expected[0];
    expect(first).toMatchObject({
      id: seed?.id,
      read: seed?.read,
      createdDate: seed?.createdDate,
      ownerUserId: leaver.id,
      deleted: false,
    });
    if (seed?.durationSeconds !== undefined) {
      expect(first?.durationSeconds).toBe(seed.durationSeconds);
    }
  });

  it('keeps caller names with accents and leading = exactly as Genesys sent them', async () => {
    const { client } = await startHarness(org);
    const callers = new Set(org.voicemails.map((message) => message.callerName));
    const hostile = [...callers].find((name) => name?.startsWith('='));
    const accented = [...callers].find((name) => name !== undefined && /[^\x20-\x7e]/.test(name));
    expect(hostile).toBeDefined();
    expect(accented).toBeDefined();
    const seen = new Set<string | undefined>();
    for (const message of org.voicemails) {
      if (message.callerName !== hostile && message.callerName !== accented) continue;
      seen.add((await client.getVoicemail(message.id))?.callerName);
    }
    expect(seen).toEqual(new Set([hostile, accented]));
  });

  it('reports a deleted user whose mailbox is gone as not_found, leaving the choice to the caller', async () => {
    const { client } = await startHarness(org, { deletedUserMailbox: 'not-found' });
    const deleted = firstOf(seedUsers('deleted'), 'deleted user');
    const error = await collect(client.listVoicemails(deleted.id)).catch(
      (caught: unknown) => caught,
    );
    expect(isGenesysError(error, 'not_found')).toBe(true);
    expect(error).toMatchObject({ status: 404, retryable: false });
  });

  it('answers undefined for a message that does not exist', async () => {
    const { client } = await startHarness(org);
    expect(await client.getVoicemail('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('copies a message to a user and a group: unread copies land and copiedTo records them', async () => {
    const { client, sim } = await startHarness(org);
    const leaver = busiestLeaver(org);
    const source = firstOf(sim.mailbox(leaver.id), 'leaver message');
    const manager = firstOf(seedUsers('active'), 'active user');
    const group = firstOf(
      org.groups.filter((candidate) => (candidate.state ?? 'active') === 'active'),
      'active group',
    );

    const toUser = await client.copyVoicemail(source.id, { type: 'user', id: manager.id });
    const toGroup = await client.copyVoicemail(source.id, { type: 'group', id: group.id });

    expect(toUser.ownerUserId).toBe(manager.id);
    expect(toUser.read).toBe(false);
    expect(toGroup.ownerGroupId).toBe(group.id);
    expect(sim.mailbox(manager.id).map((message) => message.id)).toContain(toUser.id);
    expect(sim.groupMailbox(group.id).map((message) => message.id)).toContain(toGroup.id);
    const copiedTo = (await client.getVoicemail(source.id))?.copiedTo ?? [];
    expect(copiedTo.map((record) => record.userId ?? record.groupId)).toEqual([
      manager.id,
      group.id,
    ]);
    expect(copiedTo.every((record) => typeof record.date === 'string')).toBe(true);
  });

  it('refuses a copy to an inactive recipient with a bad_request that is not retried', async () => {
    const { client, sim } = await startHarness(org);
    const leaver = busiestLeaver(org);
    const source = firstOf(sim.mailbox(leaver.id), 'leaver message');
    const error = await client
      .copyVoicemail(source.id, { type: 'user', id: leaver.id })
      .catch((caught: unknown) => caught);
    expect(isGenesysError(error, 'bad_request')).toBe(true);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(sim.stats().byRoute['POST /api/v2/voicemail/messages']).toBe(1);
    expect(sim.stats().copies).toBe(0);
  });
});
