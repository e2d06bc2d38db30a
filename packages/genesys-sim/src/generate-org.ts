import { idMint, mulberry32, seededUuid } from './prng.js';
import type {
  OrgSeed,
  SimClient,
  SimDivision,
  SimGroup,
  SimLocation,
  SimUser,
  SimVoicemail,
} from './types.js';

export interface GenerateOrgOptions {
  seed?: number;
  /** Total users, default 20000. */
  users?: number;
  /** Inactive users (exactly this many), default 400. */
  leavers?: number;
  /** Voicemails owned by each leaver (and each deleted user), default 30. */
  voicemailsPerLeaver?: number;
  /** Share of those voicemails left unread, default 0.6. */
  unreadShare?: number;
  now?: Date;
}

/** The OAuth client every generated and demo org carries, with all permissions. */
export const SIM_CLIENT: SimClient = { clientId: 'handover-sim', clientSecret: 'sim-secret' };

const DAY_MS = 86_400_000;
const FIRST_NAMES = (
  'Anna Ben Chloé David Elif Farah George Hana Ivan Jana Kofi Lena Mateo Nora Oskar Priya ' +
  'Quinn Rosa Søren Tariq Uma Victor Wen Xavier Yara Zoë Amir Bianca Carlos Dana Emil ' +
  'Fatima Gustav Helga Isaac Jun Kira Luis Maja Nikos'
).split(' ');
const LAST_NAMES = (
  'Andersen Brown Costa Dubois Eriksson Fischer García Hansen Ito Jansen Kowalski Larsen ' +
  "Müller Nowak O'Brien Petrov Quispe Rossi Silva Tanaka Ueda Virtanen Weber Xu Yilmaz " +
  'Zhang Ångström Novák Murphy Kim'
).split(' ');
const CALLERS = [
  'Zoë Ångström',
  'José Núñez',
  'Acme Corp',
  'Unknown',
  'François Lefèvre',
  'Björk Guðmundsdóttir',
  'Private caller',
  'Łukasz Wróbel',
  'Mei Chen',
  'Dr. Smith',
];
const DEPARTMENTS: ReadonlyArray<{ name: string; titles: string[] }> = [
  { name: 'Sales', titles: ['Account Executive', 'Sales Representative', 'Sales Manager'] },
  { name: 'Support', titles: ['Support Agent', 'Support Specialist', 'Support Team Lead'] },
  { name: 'Finance', titles: ['Accountant', 'Financial Analyst', 'Controller'] },
  { name: 'Legal', titles: ['Paralegal', 'Counsel', 'Senior Counsel'] },
  { name: 'Engineering', titles: ['Software Engineer', 'Site Reliability Engineer', 'Architect'] },
  { name: 'Marketing', titles: ['Marketing Specialist', 'Content Writer', 'Brand Manager'] },
  { name: 'Operations', titles: ['Operations Analyst', 'Workforce Planner', 'Operations Manager'] },
  { name: 'Human Resources', titles: ['HR Partner', 'Recruiter', 'HR Manager'] },
];
const REGIONS: ReadonlyArray<{ division: string; locations: string[] }> = [
  { division: 'EMEA', locations: ['London', 'Dublin', 'Berlin'] },
  { division: 'AMER', locations: ['New York', 'Chicago', 'São Paulo'] },
  { division: 'APAC', locations: ['Sydney', 'Tokyo', 'Singapore'] },
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

interface Places {
  divisions: SimDivision[];
  locations: SimLocation[];
  locationsByDivision: Map<string, SimLocation[]>;
}

function makePlaces(random: () => number): Places {
  const divisions: SimDivision[] = [];
  const locations: SimLocation[] = [];
  const locationsByDivision = new Map<string, SimLocation[]>();
  for (const region of REGIONS) {
    const division = { id: seededUuid(random), name: region.division };
    divisions.push(division);
    const own = region.locations.map((name) => ({ id: seededUuid(random), name }));
    locations.push(...own);
    locationsByDivision.set(division.id, own);
  }
  return { divisions, locations, locationsByDivision };
}

function makeGroups(random: () => number): Map<string, SimGroup> {
  const names = [
    'Sales Voicemail',
    'Support Archive',
    ...DEPARTMENTS.map((department) => `${department.name} Team`),
  ];
  const groups = new Map<string, SimGroup>();
  for (const name of names) groups.set(name, { id: seededUuid(random), name, state: 'active' });
  groups.set('Legacy Reception', {
    id: seededUuid(random),
    name: 'Legacy Reception',
    state: 'inactive',
  });
  return groups;
}

function groupOf(groups: Map<string, SimGroup>, name: string): string {
  const group = groups.get(name);
  if (!group) throw new RangeError(`generated group missing: ${name}`);
  return group.id;
}

/**
 * Managers sit at lower indices: user i reports to a user among the first ceil(i / 8), which
 * gives a tree a handful of levels deep with realistic fan-out.
 */
function managerIndex(random: () => number, index: number): number {
  return Math.floor(random() * Math.ceil(index / 8));
}

/**
 * Chooses exactly `count` leaver indices, skipping the top (0) and the ops lead (1). About one in
 * twenty picks also takes the picked user's manager, so some leavers have inactive managers and
 * chains must be walked.
 */
function chooseLeavers(random: () => number, managers: number[], count: number): Set<number> {
  const total = managers.length;
  const chosen = new Set<number>();
  const eligible = (index: number) => index > 1 && !chosen.has(index);
  if (count > total * 0.5) {
    const order = Array.from({ length: total - 2 }, (_, offset) => offset + 2);
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
    }
    for (const index of order.slice(0, count)) chosen.add(index);
    return chosen;
  }
  while (chosen.size < count) {
    const index = 2 + Math.floor(random() * (total - 2));
    if (!eligible(index)) continue;
    chosen.add(index);
    const manager = managers[index] ?? 0;
    if (chosen.size < count && random() < 0.05 && eligible(manager)) chosen.add(manager);
  }
  return chosen;
}

interface VoicemailFactory {
  nextId: () => string;
  random: () => number;
  callerAddresses: string[];
  unreadShare: number;
  now: number;
}

function voicemailFactory(random: () => number, unreadShare: number, now: number) {
  // A shared pool of caller numbers keeps a 900k-message org's memory down.
  const callerAddresses = Array.from(
    { length: 500 },
    () => `tel:+1555${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
  );
  return { nextId: idMint(random, 0x7a11), random, callerAddresses, unreadShare, now };
}

/** `count` messages for `owner` within the last 60 days, generated newest first. */
function makeVoicemails(factory: VoicemailFactory, owner: SimUser, count: number): SimVoicemail[] {
  const { random, now } = factory;
  const ages = Array.from({ length: count }, () => Math.floor(random() * 60 * DAY_MS));
  ages.sort((a, b) => a - b);
  return ages.map((ageMs) => ({
    id: factory.nextId(),
    ownerUserId: owner.id,
    read: random() >= factory.unreadShare,
    createdDate: new Date(now - ageMs).toISOString(),
    callerName: pick(random, CALLERS),
    callerAddress: pick(random, factory.callerAddresses),
    durationSeconds: 5 + Math.floor(random() * 175),
  }));
}

/**
 * Generates a realistic org, identical for the same options. `leavers` users are inactive, a few
 * more (0.25%) are deleted, user 0 heads the management tree and user 1 is the ops lead
 * (ops-lead@example.com). Leavers and deleted users own `voicemailsPerLeaver` voicemails each;
 * active users own none, to keep large orgs small.
 */
export function generateOrg(options: GenerateOrgOptions = {}): OrgSeed {
  const total = options.users ?? 20000;
  const leavers = options.leavers ?? 400;
  const perLeaver = options.voicemailsPerLeaver ?? 30;
  const unreadShare = options.unreadShare ?? 0.6;
  const now = (options.now ?? new Date()).getTime();
  if (!Number.isInteger(total) || total < 2) throw new RangeError('users must be at least 2');
  if (!Number.isInteger(leavers) || leavers < 0 || leavers > total - 2) {
    throw new RangeError(`leavers must be within 0..${total - 2} for ${total} users`);
  }
  const random = mulberry32(options.seed ?? 1);
  const places = makePlaces(random);
  const groups = makeGroups(random);

  const managers = Array.from({ length: total }, (_, index) => managerIndex(random, index));
  const leaverSet = chooseLeavers(random, managers, leavers);
  const deletedCount = Math.min(Math.floor(total * 0.0025), total - 2 - leavers);
  const deletedSet = new Set<number>();
  for (let index = total - 1; index > 1 && deletedSet.size < deletedCount; index--) {
    if (!leaverSet.has(index)) deletedSet.add(index);
  }

  const ids = Array.from({ length: total }, () => seededUuid(random));
  const factory = voicemailFactory(random, unreadShare, now);
  const users: SimUser[] = [];
  const voicemails: SimVoicemail[] = [];
  for (let index = 0; index < total; index++) {
    const department = pick(random, DEPARTMENTS);
    const division = pick(random, places.divisions);
    const location = pick(random, places.locationsByDivision.get(division.id) ?? []);
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const user: SimUser = {
      id: ids[index] ?? '',
      name: `${first} ${last}`,
      email: `${asciiSlug(first)}.${asciiSlug(last)}.${index}@example.com`,
      state: leaverSet.has(index) ? 'inactive' : deletedSet.has(index) ? 'deleted' : 'active',
      department: department.name,
      title: pick(random, department.titles),
      divisionId: division.id,
      groupIds: [groupOf(groups, `${department.name} Team`)],
      locationIds: [location.id],
    };
    if (index > 0) user.managerId = ids[managers[index] ?? 0];
    if (department.name === 'Sales' && random() < 0.1) {
      user.groupIds?.push(groupOf(groups, 'Sales Voicemail'));
    }
    if (department.name === 'Support' && random() < 0.1) {
      user.groupIds?.push(groupOf(groups, 'Support Archive'));
    }
    if (index === 0) Object.assign(user, { department: 'Executive', title: 'Chief Executive' });
    if (index === 1) {
      Object.assign(user, {
        name: 'Olivia Opsworth',
        email: 'ops-lead@example.com',
        department: 'Operations',
        title: 'Operations Lead',
      });
    }
    users.push(user);
    if (user.state !== 'active') {
      for (const message of makeVoicemails(factory, user, perLeaver)) voicemails.push(message);
    }
  }

  return {
    users,
    groups: [...groups.values()],
    divisions: places.divisions,
    locations: places.locations,
    voicemails,
    clients: [{ ...SIM_CLIENT }],
  };
}
