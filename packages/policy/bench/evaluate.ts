// Benchmark: a generated 100-rule policy against 100,000 generated leavers.
// Prints users per second for matchRule alone and for matchRule + resolveRecipients with an
// in-memory resolver. Run with `pnpm --filter @handover/policy bench`; numbers, not assertions.
import {
  type GroupInfo,
  InMemoryResolver,
  type LeaverProfile,
  matchRule,
  type Person,
  parsePolicy,
  resolvePolicy,
  resolveRecipients,
} from '../src/index.js';

const RULES = 100;
const USERS = 100_000;
const ROUNDS = 3;

// A fixed-seed generator (mulberry32) so every run evaluates the same population.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const departments = Array.from({ length: 40 }, (_, i) => `Department ${i}`);
const divisions = ['EMEA', 'APAC', 'AMER', 'LATAM'];
const titles = ['Agent', 'Senior Agent', 'Team Lead', 'Supervisor', 'Counsel', 'Analyst'];
const locations = Array.from({ length: 20 }, (_, i) => `City ${i}`);
const groups: GroupInfo[] = Array.from({ length: 50 }, (_, i) => ({
  id: `g-${i}`,
  name: `Queue ${i}`,
  state: i % 10 === 9 ? 'inactive' : 'active',
}));
const managers: Person[] = Array.from({ length: 500 }, (_, i) => ({
  id: `m-${i}`,
  name: `Manager ${i}`,
  email: `manager${i}@example.com`,
  // Every fifth manager has left, so `manager` often walks a level or two up.
  state: i % 5 === 0 ? 'inactive' : 'active',
  ...(i >= 10 ? { managerId: `m-${Math.floor(i / 10)}` } : {}),
}));
const opsLead: Person = { id: 'u-ops', name: 'Ops', email: 'ops@example.com', state: 'active' };

function generatePolicy(): string {
  const lines = ['version: 1', 'rules:'];
  for (let i = 0; i < RULES; i++) {
    lines.push(`  - name: rule-${i}`, '    when:');
    // Rules are specific enough that many users walk far down the list: a realistic worst case.
    lines.push(`      department: ["${pick(departments)}", "${pick(departments).slice(0, 12)}*9"]`);
    if (i % 2 === 0) lines.push(`      division: ${pick(divisions)}`);
    if (i % 3 === 0) lines.push(`      title: "*${pick(titles).split(' ').at(-1)}*"`);
    if (i % 5 === 0) lines.push(`      group: ${pick(groups).name}`);
    if (i % 7 === 0) lines.push(`      location: ["${pick(locations)}", "${pick(locations)}"]`);
    if (i % 11 === 0) lines.push(`      manager: ${pick(managers).email}`);
    if (i % 13 === 0) lines.push('      email: "*@example.com"');
    lines.push('    forward_to:', '      - manager', `      - group: ${pick(groups).name}`);
  }
  lines.push('default: { forward_to: [manager] }', 'fallback: [{ user: ops@example.com }]');
  return lines.join('\n');
}

function generateLeavers(): LeaverProfile[] {
  return Array.from({ length: USERS }, (_, i) => ({
    id: `u-${i}`,
    name: `User ${i}`,
    email: `user${i}@example.com`,
    state: 'inactive',
    managerId: pick(managers).id,
    department: pick(departments),
    title: pick(titles),
    division: { id: `d-${i % 4}`, name: pick(divisions) },
    groupIds: [pick(groups).id, pick(groups).id],
    locationNames: [pick(locations)],
  }));
}

function report(label: string, users: number, millis: number): void {
  const perSecond = Math.round((users / millis) * 1000).toLocaleString('en-US');
  console.log(`${label.padEnd(34)} ${perSecond.padStart(12)} users/s  (${millis.toFixed(0)} ms)`);
}

async function main(): Promise<void> {
  const resolver = new InMemoryResolver({ users: [...managers, opsLead], groups });
  const policy = parsePolicy(generatePolicy(), 'generated.yaml');
  const resolved = await resolvePolicy(policy, 'generated.yaml', resolver);
  const leavers = generateLeavers();
  console.log(`policy: ${policy.rules.length} rules; leavers: ${leavers.length.toLocaleString()}`);

  const hits = new Map<string, number>();
  for (const leaver of leavers) {
    const { rule } = matchRule(resolved, leaver);
    hits.set(rule, (hits.get(rule) ?? 0) + 1);
  }
  const byDefault = hits.get('default') ?? 0;
  console.log(`matched a rule: ${leavers.length - byDefault}; fell to default: ${byDefault}`);

  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const leaver of leavers) matchRule(resolved, leaver);
    best = Math.min(best, performance.now() - start);
  }
  report('matchRule (best of 3)', leavers.length, best);

  const outcomes = new Map<string, number>();
  const start = performance.now();
  for (const leaver of leavers) {
    const match = matchRule(resolved, leaver);
    const resolution = await resolveRecipients(resolved, leaver, match, resolver);
    outcomes.set(resolution.outcome, (outcomes.get(resolution.outcome) ?? 0) + 1);
  }
  report('matchRule + resolveRecipients', leavers.length, performance.now() - start);
  console.log(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
}

await main();
