import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { startSimulator } from './server.js';
import {
  accessToken,
  api,
  type ListingJson,
  type SearchJson,
  type UserJson,
  type VoicemailJson,
} from './test-support.js';
import type { OrgSeed, Simulator } from './types.js';

const NOW = new Date('2026-01-15T12:00:00Z');
let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const inactiveSearch = {
  pageSize: 100,
  query: [{ type: 'EXACT', fields: ['state'], values: ['inactive'] }],
};

describe('changes at run time', () => {
  it('shows a user set inactive in listings and searches made after the change', async () => {
    const org = demoOrg(NOW);
    const larry = org.users.find((user) => user.email === 'larry@example.com');
    const s = await startSimulator(org);
    sim = s;
    const token = await accessToken(s);
    const before = await api<SearchJson<UserJson>>(
      s,
      token,
      '/api/v2/users/search',
      inactiveSearch,
    );
    const listedBefore = await api<ListingJson<UserJson>>(s, token, '/api/v2/users?state=inactive');

    s.setUserState(larry?.id ?? '', 'inactive');
    const after = await api<SearchJson<UserJson>>(s, token, '/api/v2/users/search', inactiveSearch);
    const listedAfter = await api<ListingJson<UserJson>>(s, token, '/api/v2/users?state=inactive');

    expect(after.body.total).toBe(before.body.total + 1);
    expect((after.body.results ?? []).map((user) => user.id)).toContain(larry?.id);
    expect(listedAfter.body.total).toBe(listedBefore.body.total + 1);
    expect(org.users.find((user) => user.id === larry?.id)?.state).toBe('active');
  });

  it('keeps seeded deleted messages out of listings, mailboxes and lookups', async () => {
    const org: OrgSeed = demoOrg(NOW);
    const owner = org.voicemails[0]?.ownerUserId ?? '';
    org.voicemails.push({
      id: 'gone-1',
      ownerUserId: owner,
      read: false,
      deleted: true,
      createdDate: NOW.toISOString(),
    });
    const s = await startSimulator(org);
    sim = s;
    const token = await accessToken(s);

    const listing = await api<ListingJson<VoicemailJson>>(
      s,
      token,
      `/api/v2/voicemail/users/${owner}/messages?pageSize=100`,
    );
    expect(listing.body.entities.map((message) => message.id)).not.toContain('gone-1');
    expect((await api(s, token, '/api/v2/voicemail/messages/gone-1')).status).toBe(404);
    expect(s.mailbox(owner).map((message) => message.id)).not.toContain('gone-1');
  });

  it('refuses duplicate voicemail ids', async () => {
    const org = demoOrg(NOW);
    const s = await startSimulator(org);
    sim = s;
    const first = org.voicemails[0];
    if (!first) throw new Error('demo org has voicemails');
    expect(() => s.addVoicemail({ ...first })).toThrow(RangeError);
  });
});
