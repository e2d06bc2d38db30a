import { SIM_CLIENT } from './generate-org.js';
import type { OrgSeed, SimGroup, SimUser, SimVoicemail } from './types.js';

const DAY_MS = 86_400_000;

/** Readable fixed ids: the kind in the first block, a running number in the last. */
function demoId(kind: 'a' | 'b' | 'c' | 'd' | 'e', n: number): string {
  return `${kind.repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const DEMO_DIVISIONS = {
  emea: { id: demoId('d', 1), name: 'EMEA' },
  amer: { id: demoId('d', 2), name: 'AMER' },
  apac: { id: demoId('d', 3), name: 'APAC' },
} as const;

const LOCATIONS = {
  london: { id: demoId('e', 1), name: 'London' },
  newYork: { id: demoId('e', 2), name: 'New York' },
  sydney: { id: demoId('e', 3), name: 'Sydney' },
} as const;

const GROUPS = {
  salesVoicemail: { id: demoId('c', 1), name: 'Sales Voicemail', state: 'active' },
  supportArchive: { id: demoId('c', 2), name: 'Support Archive', state: 'active' },
  legalTeam: { id: demoId('c', 3), name: 'Legal Team', state: 'active' },
  oldReception: { id: demoId('c', 4), name: 'Old Reception', state: 'inactive' },
} satisfies Record<string, SimGroup>;

const { emea, amer, apac } = DEMO_DIVISIONS;
const u = (n: number) => demoId('a', n);

type DemoUser = Omit<SimUser, 'id' | 'email' | 'state'> & {
  n: number;
  email?: string;
  state?: SimUser['state'];
};

/**
 * The cast, by number. 1-9 lead, 10-19 are the leavers and special cases the example policy
 * exercises, 20+ are ordinary staff.
 */
const CAST: DemoUser[] = [
  {
    n: 1,
    name: 'Catherine Chief',
    department: 'Executive',
    title: 'Chief Executive',
    divisionId: amer.id,
  },
  {
    n: 2,
    name: 'Olivia Opsworth',
    email: 'ops-lead@example.com',
    department: 'Operations',
    title: 'Operations Lead',
    divisionId: emea.id,
    managerId: u(1),
  },
  {
    n: 3,
    name: 'Sam Seller',
    department: 'Sales',
    title: 'Sales Director EMEA',
    divisionId: emea.id,
    managerId: u(1),
    groupIds: [GROUPS.salesVoicemail.id],
  },
  {
    n: 4,
    name: 'Sue Porter',
    department: 'Support',
    title: 'Support Manager',
    divisionId: emea.id,
    managerId: u(1),
    groupIds: [GROUPS.supportArchive.id],
  },
  {
    n: 5,
    name: 'Fiona Finch',
    department: 'Finance',
    title: 'Finance Director',
    divisionId: amer.id,
    managerId: u(1),
  },
  {
    n: 6,
    name: 'Leo Lawson',
    department: 'Legal',
    title: 'General Counsel',
    divisionId: emea.id,
    managerId: u(1),
    groupIds: [GROUPS.legalTeam.id],
  },
  {
    n: 7,
    name: 'Eli Engel',
    department: 'Engineering',
    title: 'Engineering Manager',
    divisionId: apac.id,
    managerId: u(1),
  },
  {
    n: 8,
    name: 'Amelia Amerigo',
    department: 'Sales',
    title: 'Sales Director AMER',
    divisionId: amer.id,
    managerId: u(1),
  },
  // Sales leaver in EMEA: the policy sends these to the 'Sales Voicemail' group.
  {
    n: 10,
    name: 'Sven Salo',
    department: 'Sales',
    title: 'Account Executive',
    divisionId: emea.id,
    managerId: u(3),
    state: 'inactive',
    groupIds: [GROUPS.salesVoicemail.id],
  },
  // Support leaver: forwarded to the manager (Sue) and the 'Support Archive' group.
  {
    n: 11,
    name: 'Paula Patel',
    department: 'Support',
    title: 'Support Agent',
    divisionId: emea.id,
    managerId: u(4),
    state: 'inactive',
    groupIds: [GROUPS.supportArchive.id],
  },
  // Legal hold: a leaving Senior Counsel's voicemails are forwarded to nobody.
  {
    n: 12,
    name: 'Grace Gavel',
    department: 'Legal',
    title: 'Senior Counsel',
    divisionId: emea.id,
    managerId: u(6),
    state: 'inactive',
    groupIds: [GROUPS.legalTeam.id],
  },
  // Chain walk: Frank reports to Mona, who left too; Mona reports to Fiona (active).
  {
    n: 13,
    name: 'Mona Ledger',
    department: 'Finance',
    title: 'Finance Manager',
    divisionId: amer.id,
    managerId: u(5),
    state: 'inactive',
  },
  {
    n: 14,
    name: 'Frank Figures',
    department: 'Finance',
    title: 'Accountant',
    divisionId: amer.id,
    managerId: u(13),
    state: 'inactive',
  },
  // No manager at all: the fallback recipient ops-lead@example.com takes these.
  {
    n: 15,
    name: 'Nadia Nomanager',
    department: 'Engineering',
    title: 'Contractor',
    divisionId: apac.id,
    state: 'inactive',
  },
  // Sales leaver outside EMEA: the EMEA group rule must not catch him.
  {
    n: 16,
    name: 'Andrés Álvarez',
    department: 'Sales',
    title: 'Sales Representative',
    divisionId: amer.id,
    managerId: u(8),
    state: 'inactive',
  },
  // Deleted user who still has voicemail.
  {
    n: 17,
    name: 'Dora Deleted',
    department: 'Support',
    title: 'Support Agent',
    divisionId: emea.id,
    managerId: u(4),
    state: 'deleted',
  },
  // Active, but listed for inclusion in the policy (e.g. long leave).
  {
    n: 18,
    name: 'Larry Longleave',
    email: 'larry@example.com',
    department: 'Support',
    title: 'Support Specialist',
    divisionId: emea.id,
    managerId: u(4),
  },
  {
    n: 20,
    name: 'Zoë Ångström',
    department: 'Support',
    title: 'Support Agent',
    divisionId: emea.id,
    managerId: u(4),
  },
  {
    n: 21,
    name: 'Bjørn Berg',
    department: 'Sales',
    title: 'Account Executive',
    divisionId: emea.id,
    managerId: u(3),
  },
  {
    n: 22,
    name: 'Chen Wei',
    department: 'Engineering',
    title: 'Software Engineer',
    divisionId: apac.id,
    managerId: u(7),
  },
  {
    n: 23,
    name: 'Priya Raman',
    department: 'Engineering',
    title: 'Site Reliability Engineer',
    divisionId: apac.id,
    managerId: u(7),
  },
  {
    n: 24,
    name: "Siobhán O'Neill",
    department: 'Support',
    title: 'Support Team Lead',
    divisionId: emea.id,
    managerId: u(4),
  },
  {
    n: 25,
    name: 'Marcus Moneypenny',
    department: 'Finance',
    title: 'Financial Analyst',
    divisionId: amer.id,
    managerId: u(5),
  },
  {
    n: 26,
    name: 'Hana Sato',
    department: 'Sales',
    title: 'Sales Representative',
    divisionId: apac.id,
    managerId: u(8),
  },
  {
    n: 27,
    name: 'Jonas Jensen',
    department: 'Legal',
    title: 'Paralegal',
    divisionId: emea.id,
    managerId: u(6),
    groupIds: [GROUPS.legalTeam.id],
  },
  {
    n: 28,
    name: 'Kemi Adeyemi',
    department: 'Operations',
    title: 'Workforce Planner',
    divisionId: emea.id,
    managerId: u(2),
  },
  {
    n: 29,
    name: 'Tomás Herrera',
    department: 'Sales',
    title: 'Account Executive',
    divisionId: amer.id,
    managerId: u(8),
  },
  {
    n: 30,
    name: 'Ulla Udén',
    department: 'Support',
    title: 'Support Agent',
    divisionId: emea.id,
    managerId: u(4),
  },
];

const LOCATION_BY_DIVISION: Record<string, string> = {
  [emea.id]: LOCATIONS.london.id,
  [amer.id]: LOCATIONS.newYork.id,
  [apac.id]: LOCATIONS.sydney.id,
};

function emailOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${slug}@example.com`;
}

function toUser(cast: DemoUser): SimUser {
  const { n, email, state, ...rest } = cast;
  const user: SimUser = {
    id: u(n),
    email: email ?? emailOf(cast.name),
    state: state ?? 'active',
    ...rest,
  };
  const location =
    cast.divisionId === undefined ? undefined : LOCATION_BY_DIVISION[cast.divisionId];
  if (location !== undefined) user.locationIds = [location];
  return user;
}

interface DemoMessage {
  owner: number;
  ageDays: number;
  read: boolean;
  callerName?: string;
  callerAddress: string;
  durationSeconds: number;
}

const MESSAGES: DemoMessage[] = [
  {
    owner: 10,
    ageDays: 2,
    read: false,
    callerName: 'Zoë Ångström',
    callerAddress: 'tel:+442071234567',
    durationSeconds: 42,
  },
  {
    owner: 10,
    ageDays: 5,
    read: false,
    callerName: 'Acme Corp',
    callerAddress: 'tel:+442079876543',
    durationSeconds: 95,
  },
  {
    owner: 10,
    ageDays: 9,
    read: true,
    callerName: 'José Núñez',
    callerAddress: 'tel:+34911234567',
    durationSeconds: 18,
  },
  // Hostile caller name: a CSV cell starting with '=' must not become a formula.
  {
    owner: 10,
    ageDays: 1,
    read: false,
    callerName: '=HYPERLINK("http://evil.example","click")',
    callerAddress: 'tel:+15550000666',
    durationSeconds: 7,
  },
  {
    owner: 11,
    ageDays: 3,
    read: false,
    callerName: 'François Lefèvre',
    callerAddress: 'tel:+33142345678',
    durationSeconds: 61,
  },
  { owner: 11, ageDays: 12, read: false, callerAddress: 'tel:+442070000001', durationSeconds: 23 },
  {
    owner: 11,
    ageDays: 20,
    read: true,
    callerName: 'Björk Guðmundsdóttir',
    callerAddress: 'tel:+3545512345',
    durationSeconds: 33,
  },
  {
    owner: 12,
    ageDays: 4,
    read: false,
    callerName: 'Opposing Counsel LLP',
    callerAddress: 'tel:+442073330000',
    durationSeconds: 120,
  },
  {
    owner: 12,
    ageDays: 8,
    read: false,
    callerName: 'Court Registry',
    callerAddress: 'tel:+442079470000',
    durationSeconds: 80,
  },
  {
    owner: 13,
    ageDays: 6,
    read: false,
    callerName: 'Auditor Ltd',
    callerAddress: 'tel:+12125550101',
    durationSeconds: 54,
  },
  {
    owner: 14,
    ageDays: 2,
    read: false,
    callerName: 'Łukasz Wróbel',
    callerAddress: 'tel:+48221234567',
    durationSeconds: 29,
  },
  {
    owner: 14,
    ageDays: 15,
    read: true,
    callerName: 'Bank of Somewhere',
    callerAddress: 'tel:+12125550199',
    durationSeconds: 40,
  },
  {
    owner: 15,
    ageDays: 1,
    read: false,
    callerName: 'Recruiter',
    callerAddress: 'tel:+61291234567',
    durationSeconds: 37,
  },
  // Very old: over a year, for retention/age rules.
  {
    owner: 15,
    ageDays: 400,
    read: false,
    callerName: 'Old Friend',
    callerAddress: 'tel:+61290000000',
    durationSeconds: 12,
  },
  {
    owner: 16,
    ageDays: 3,
    read: false,
    callerName: 'Cliente São Paulo',
    callerAddress: 'tel:+551130000000',
    durationSeconds: 71,
  },
  {
    owner: 17,
    ageDays: 10,
    read: false,
    callerName: 'Mei Chen',
    callerAddress: 'tel:+85223456789',
    durationSeconds: 26,
  },
  {
    owner: 17,
    ageDays: 30,
    read: true,
    callerName: 'Private caller',
    callerAddress: 'tel:anonymous',
    durationSeconds: 5,
  },
  {
    owner: 18,
    ageDays: 1,
    read: false,
    callerName: 'Dr. Smith',
    callerAddress: 'tel:+12125550123',
    durationSeconds: 48,
  },
  {
    owner: 18,
    ageDays: 7,
    read: true,
    callerName: 'Pharmacy',
    callerAddress: 'tel:+12125550124',
    durationSeconds: 15,
  },
  {
    owner: 20,
    ageDays: 1,
    read: false,
    callerName: 'Customer',
    callerAddress: 'tel:+442070000002',
    durationSeconds: 19,
  },
];

/**
 * A small hand-made org (~30 users) matching the repository's example policy: an EMEA sales
 * leaver, a support leaver, a Senior Counsel under legal hold, a leaver whose manager also left,
 * a leaver without manager, an active larry@example.com, a deleted user with voicemail, unread
 * and read messages, one very old message, accented caller names and one hostile ('=') caller.
 */
export function demoOrg(now: Date = new Date()): OrgSeed {
  const voicemails: SimVoicemail[] = MESSAGES.map((message, index) => {
    const voicemail: SimVoicemail = {
      id: demoId('b', index + 1),
      ownerUserId: u(message.owner),
      read: message.read,
      createdDate: new Date(now.getTime() - message.ageDays * DAY_MS).toISOString(),
      callerAddress: message.callerAddress,
      durationSeconds: message.durationSeconds,
    };
    if (message.callerName !== undefined) voicemail.callerName = message.callerName;
    return voicemail;
  });
  return {
    users: CAST.map(toUser),
    groups: Object.values(GROUPS).map((group) => ({ ...group })),
    divisions: Object.values(DEMO_DIVISIONS).map((division) => ({ ...division })),
    locations: Object.values(LOCATIONS).map((location) => ({ ...location })),
    voicemails,
    clients: [{ ...SIM_CLIENT }],
  };
}
