import type { OrgSeed, SimUser, SimVoicemail } from '@handover/genesys-sim';

/** A small org whose right answer can be read off by hand (see `expectedCopies`). */
export const ids = {
  ops: 'a0000000-0000-4000-8000-000000000001',
  cto: 'a0000000-0000-4000-8000-000000000002',
  supportManager: 'a0000000-0000-4000-8000-000000000003',
  goneManager: 'a0000000-0000-4000-8000-000000000004',
  salesLeaver: 'a0000000-0000-4000-8000-000000000010',
  supportLeaver: 'a0000000-0000-4000-8000-000000000011',
  counsel: 'a0000000-0000-4000-8000-000000000012',
  chainLeaver: 'a0000000-0000-4000-8000-000000000013',
  orphan: 'a0000000-0000-4000-8000-000000000014',
  larry: 'a0000000-0000-4000-8000-000000000015',
  active: 'a0000000-0000-4000-8000-000000000016',
  salesGroup: 'b0000000-0000-4000-8000-000000000001',
  supportGroup: 'b0000000-0000-4000-8000-000000000002',
  emea: 'c0000000-0000-4000-8000-000000000001',
} as const;

export const testPolicy = `version: 1
leavers:
  states: [inactive]
  include:
    - larry@example.com
  watch_days: 30
messages:
  unread_only: true
  max_age_days: 0
rules:
  - name: sales-emea
    when:
      department: Sales
      division: EMEA
    forward_to:
      - group: Sales Voicemail
  - name: support
    when:
      department: support
    forward_to:
      - manager
      - group: Support Archive
  - name: legal-hold
    when:
      title: "*Counsel*"
    forward_to: []
default:
  forward_to:
    - manager
fallback:
  - user: ops-lead@example.com
`;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function user(id: string, name: string, state: SimUser['state'], extra: Partial<SimUser> = {}) {
  const email = `${name.toLowerCase().replace(/ /g, '.')}@example.com`;
  return { id, name, email, state, divisionId: ids.emea, ...extra } satisfies SimUser;
}

/**
 * Builds the org with `messagesPerLeaver` voicemails per leaver (two thirds unread), so the same
 * shape serves quick tests and the interrupted-run test that needs many copies in flight.
 */
export function testOrg(messagesPerLeaver = 3): OrgSeed {
  const users: SimUser[] = [
    {
      ...user(ids.ops, 'Olive Ops', 'active', { managerId: ids.cto }),
      email: 'ops-lead@example.com',
    },
    user(ids.cto, 'Carl Top', 'active'),
    user(ids.supportManager, 'Mia Manager', 'active', { managerId: ids.cto }),
    user(ids.goneManager, 'Gary Gone', 'inactive', { managerId: ids.cto }),
    user(ids.salesLeaver, 'Sam Sales', 'inactive', { department: 'Sales', managerId: ids.cto }),
    user(ids.supportLeaver, 'Sue Support', 'inactive', {
      department: 'Support',
      managerId: ids.supportManager,
    }),
    user(ids.counsel, 'Cora Counsel', 'inactive', { title: 'Senior Counsel', managerId: ids.cto }),
    user(ids.chainLeaver, 'Chad Chain', 'inactive', {
      department: 'Finance',
      managerId: ids.goneManager,
    }),
    user(ids.orphan, 'Olga Orphan', 'inactive', { department: 'Engineering' }),
    {
      ...user(ids.larry, 'Larry Locked', 'active', { managerId: ids.cto }),
      email: 'larry@example.com',
    },
    user(ids.active, 'Anne Active', 'active', { managerId: ids.cto }),
  ];
  const owners = [
    ids.salesLeaver,
    ids.supportLeaver,
    ids.counsel,
    ids.chainLeaver,
    ids.orphan,
    ids.larry,
    ids.active,
  ];
  const voicemails: SimVoicemail[] = [];
  const base = Date.parse('2026-11-20T09:00:00Z');
  for (const [o, owner] of owners.entries()) {
    for (let m = 0; m < messagesPerLeaver; m++) {
      voicemails.push({
        id: `d${pad(o, 2)}${pad(m, 5)}-0000-4000-8000-000000000000`,
        ownerUserId: owner,
        read: m % 3 === 2,
        createdDate: new Date(base + (o * 1000 + m) * 60_000).toISOString(),
        callerName: m === 0 ? 'Zoë Ångström' : `Caller ${m}`,
        callerAddress: `tel:+35315550${String(m).padStart(3, '0')}`,
        durationSeconds: 10 + m,
      });
    }
  }
  return {
    users,
    groups: [
      { id: ids.salesGroup, name: 'Sales Voicemail', state: 'active' },
      { id: ids.supportGroup, name: 'Support Archive', state: 'active' },
    ],
    divisions: [{ id: ids.emea, name: 'EMEA' }],
    locations: [],
    voicemails,
    clients: [{ clientId: 'test-client', clientSecret: 'test-secret-value' }],
  };
}

/**
 * Who must receive each leaver's unread messages under `testPolicy`: sales to the group, support
 * to the manager and the archive, counsel nobody, the chain leaver's inactive manager replaced
 * by his manager, the orphan by the fallback, and Larry (included while active) by his manager.
 */
export const expectedRecipients: Record<string, string[]> = {
  [ids.salesLeaver]: [ids.salesGroup],
  [ids.supportLeaver]: [ids.supportManager, ids.supportGroup],
  [ids.counsel]: [],
  [ids.chainLeaver]: [ids.cto],
  [ids.orphan]: [ids.ops],
  [ids.larry]: [ids.cto],
  [ids.active]: [],
};
