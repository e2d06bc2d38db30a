import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { startSimulator } from './server.js';
import {
  accessToken,
  api,
  type ErrorJson,
  type ListingJson,
  type SearchJson,
  type VoicemailJson,
} from './test-support.js';
import type { Simulator, SimulatorOptions } from './types.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const org = demoOrg(NOW);
const idOf = (email: string) => org.users.find((user) => user.email === email)?.id ?? '';
const groupId = (name: string) => org.groups.find((group) => group.name === name)?.id ?? '';
const salesLeaver = idOf('sven.salo@example.com');
const supportManager = idOf('sue.porter@example.com');
const deletedUser = org.users.find((user) => user.state === 'deleted')?.id ?? '';
const inactiveUser = idOf('paula.patel@example.com');

let sim: Simulator;
let token: string;

async function start(options: SimulatorOptions = {}): Promise<void> {
  await sim?.close();
  sim = await startSimulator(org, { now: () => NOW.getTime(), ...options });
  token = await accessToken(sim);
}

beforeEach(() => start());
afterEach(() => sim.close());

describe('mailbox and message listing', () => {
  it('summarises a mailbox over its non-deleted messages', async () => {
    const seeded = org.voicemails.filter((message) => message.ownerUserId === salesLeaver);
    const unread = seeded.filter((message) => !message.read);
    const answer = await api<Record<string, unknown>>(
      sim,
      token,
      `/api/v2/voicemail/users/${salesLeaver}/mailbox`,
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totalCount: seeded.length, unreadCount: unread.length });
    const unreadDates = unread.map((message) => message.createdDate).sort();
    expect(answer.body.oldestUnreadDate).toBe(unreadDates[0]);
    expect(answer.body.newestUnreadDate).toBe(unreadDates.at(-1));
    expect(answer.body.usageSizeBytes).toBeGreaterThan(0);
  });

  it('lists a user’s messages newest first with paging and a capped pageSize', async () => {
    await start({ maxPageSize: { voicemail: 2 } });
    const first = await api<ListingJson<VoicemailJson>>(
      sim,
      token,
      `/api/v2/voicemail/users/${salesLeaver}/messages?pageSize=50`,
    );
    expect(first.body).toMatchObject({ pageSize: 2, pageNumber: 1, total: 4, pageCount: 2 });
    expect(first.body.nextUri).toBe(
      `/api/v2/voicemail/users/${salesLeaver}/messages?pageSize=2&pageNumber=2`,
    );
    const second = await api<ListingJson<VoicemailJson>>(sim, token, first.body.nextUri ?? '');
    const dates = [...first.body.entities, ...second.body.entities].map((m) => m.createdDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(second.body.nextUri).toBeUndefined();
    const hostile = first.body.entities.find((m) => m.callerName?.startsWith('='));
    expect(hostile?.user?.id).toBe(salesLeaver);
    expect(hostile?.audioRecordingDurationSeconds).toBe(7);
  });

  it('answers 404 for the mailbox of an unknown user', async () => {
    const answer = await api<ErrorJson>(sim, token, '/api/v2/voicemail/users/nobody/messages');
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('resource.not.found');
  });

  it('answers a deleted user’s listing per deletedUserMailbox', async () => {
    const path = `/api/v2/voicemail/users/${deletedUser}/messages`;
    const messages = await api<ListingJson<VoicemailJson>>(sim, token, path);
    expect(messages.body.total).toBe(2);

    await start({ deletedUserMailbox: 'empty' });
    const empty = await api<ListingJson<VoicemailJson>>(sim, token, path);
    expect(empty.body.total).toBe(0);
    expect(empty.body.entities).toEqual([]);

    await start({ deletedUserMailbox: 'not-found' });
    expect((await api(sim, token, path)).status).toBe(404);
  });

  it('gets one message by id, 404 for unknown ids', async () => {
    const seeded = org.voicemails[0];
    const answer = await api<VoicemailJson>(sim, token, `/api/v2/voicemail/messages/${seeded?.id}`);
    expect(answer.body).toMatchObject({ id: seeded?.id, read: seeded?.read, deleted: false });
    expect(answer.body.selfUri).toBe(`/api/v2/voicemail/messages/${seeded?.id}`);
    const missing = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages/nope');
    expect(missing.status).toBe(404);
  });

  it('shows a late voicemail added through the handle', async () => {
    sim.addVoicemail({
      id: 'late-1',
      ownerUserId: salesLeaver,
      read: false,
      createdDate: '2026-01-15T11:59:00Z',
      callerName: 'Late caller',
    });
    const answer = await api<ListingJson<VoicemailJson>>(
      sim,
      token,
      `/api/v2/voicemail/users/${salesLeaver}/messages`,
    );
    expect(answer.body.entities[0]?.id).toBe('late-1');
    expect(answer.body.entities[0]?.createdDate).toBe('2026-01-15T11:59:00.000Z');
  });
});

describe('POST /api/v2/voicemail/messages (copy)', () => {
  const source = org.voicemails.find((m) => m.ownerUserId === salesLeaver && !m.read);

  it('lands an unread copy in the recipient’s mailbox and records copiedTo', async () => {
    const answer = await api<VoicemailJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      userId: supportManager,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.id).not.toBe(source?.id);
    expect(answer.body).toMatchObject({
      read: false,
      createdDate: source?.createdDate,
      callerName: source?.callerName,
      user: { id: supportManager },
      copiedFrom: { user: { id: salesLeaver }, date: NOW.toISOString() },
    });
    expect(sim.mailbox(supportManager).map((m) => m.id)).toContain(answer.body.id);

    const original = await api<VoicemailJson>(
      sim,
      token,
      `/api/v2/voicemail/messages/${source?.id}`,
    );
    expect(original.body.copiedTo).toEqual([
      {
        user: { id: supportManager, selfUri: `/api/v2/users/${supportManager}` },
        date: NOW.toISOString(),
      },
    ]);
    expect(sim.stats().copies).toBe(1);
    // The seed is never mutated by the simulator.
    expect(source?.copiedTo).toBeUndefined();
  });

  it('copies into a group mailbox', async () => {
    const group = groupId('Sales Voicemail');
    const answer = await api<VoicemailJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      groupId: group,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.group?.id).toBe(group);
    expect(sim.groupMailbox(group).map((m) => m.id)).toEqual([answer.body.id]);
    expect(sim.voicemail(source?.id ?? '')?.copiedTo?.[0]?.groupId).toBe(group);
  });

  it('leaves copiedTo untouched when configured not to record copies', async () => {
    sim.configure({ recordCopiedTo: false });
    const answer = await api<VoicemailJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      userId: supportManager,
    });
    expect(answer.status).toBe(200);
    expect(sim.mailbox(supportManager).map((m) => m.id)).toContain(answer.body.id);
    expect(sim.voicemail(source?.id ?? '')?.copiedTo ?? []).toEqual([]);
  });

  it('refuses bodies naming both or neither recipient with 400', async () => {
    for (const body of [
      { voicemailMessageId: source?.id },
      {
        voicemailMessageId: source?.id,
        userId: supportManager,
        groupId: groupId('Sales Voicemail'),
      },
      { userId: supportManager },
    ]) {
      const answer = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages', body);
      expect(answer.status).toBe(400);
    }
    expect(sim.stats().copies).toBe(0);
  });

  it('answers 404 for an unknown message or recipient', async () => {
    const unknownMessage = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: 'nope',
      userId: supportManager,
    });
    expect(unknownMessage.status).toBe(404);
    const unknownUser = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      userId: 'nobody',
    });
    expect(unknownUser.status).toBe(404);
    expect(sim.stats().copies).toBe(0);
  });

  it('rejects inactive, deleted and inactive-group recipients unless configured to accept', async () => {
    const recipients = [
      { userId: inactiveUser },
      { userId: deletedUser },
      { groupId: groupId('Old Reception') },
    ];
    for (const recipient of recipients) {
      const answer = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages', {
        voicemailMessageId: source?.id,
        ...recipient,
      });
      expect(answer.status).toBe(400);
    }
    expect(sim.mailbox(inactiveUser).some((m) => m.copiedFrom)).toBe(false);

    sim.configure({ inactiveRecipients: 'accept' });
    const accepted = await api<VoicemailJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      userId: inactiveUser,
    });
    expect(accepted.status).toBe(200);
    expect(sim.mailbox(inactiveUser).some((m) => m.id === accepted.body.id)).toBe(true);
  });

  it('sees a user set inactive at run time as an inactive recipient', async () => {
    sim.setUserState(supportManager, 'inactive');
    const answer = await api<ErrorJson>(sim, token, '/api/v2/voicemail/messages', {
      voicemailMessageId: source?.id,
      userId: supportManager,
    });
    expect(answer.status).toBe(400);
    expect(sim.user(supportManager)?.state).toBe('inactive');
  });
});

describe('groups', () => {
  it('gets a group with its member count, 404 for unknown ids', async () => {
    const id = groupId('Support Archive');
    const answer = await api<Record<string, unknown>>(sim, token, `/api/v2/groups/${id}`);
    expect(answer.body).toMatchObject({
      id,
      name: 'Support Archive',
      state: 'active',
      type: 'official',
    });
    const members = org.users.filter((user) => user.groupIds?.includes(id)).length;
    expect(answer.body.memberCount).toBe(members);
    expect((await api(sim, token, '/api/v2/groups/nope')).status).toBe(404);
  });

  it('searches groups by name', async () => {
    const answer = await api<SearchJson<{ id: string; name: string }>>(
      sim,
      token,
      '/api/v2/groups/search',
      { query: [{ type: 'EXACT', fields: ['name'], values: ['sales voicemail'] }] },
    );
    expect(answer.body.total).toBe(1);
    expect((answer.body.results ?? [])[0]?.id).toBe(groupId('Sales Voicemail'));
  });
});
