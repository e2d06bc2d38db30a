/**
 * Measures the simulator: org generation and start-up time, then requests per second for the
 * calls a Handover run makes, with keep-alive clients in parallel. Prints numbers; asserts none.
 * Run: pnpm --filter @handover/genesys-sim bench [-- --users 40000 --leavers 30000]
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { generateOrg, type Simulator, startSimulator } from '../src/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    users: { type: 'string', default: '20000' },
    leavers: { type: 'string', default: '400' },
    requests: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function call(sim: Simulator, token: string, method: string, path: string, body?: object) {
  return new Promise<number>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      `${sim.url}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

async function measure(label: string, next: (index: number) => Promise<number>): Promise<void> {
  let issued = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < requests) {
        const status = await next(issued++);
        if (status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(requests / seconds);
  console.log(`${label.padEnd(44)} ${String(rate).padStart(7)} req/s  (${failures} non-200)`);
}

const users = Number(values.users);
const leavers = Number(values.leavers);
let mark = performance.now();
const org = generateOrg({ seed: 1, users, leavers });
console.log(
  `generateOrg ${users} users / ${leavers} leavers / ${org.voicemails.length} voicemails: ${Math.round(performance.now() - mark)} ms`,
);
mark = performance.now();
const sim = await startSimulator(org);
console.log(
  `startSimulator: ${Math.round(performance.now() - mark)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
);

const tokenAnswer = await fetch(`${sim.url}/oauth/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from('handover-sim:sim-secret').toString('base64')}` },
  body: 'grant_type=client_credentials',
});
const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
const inactive = org.users.filter((user) => user.state === 'inactive');
const active = org.users.filter((user) => user.state === 'active');
const inactiveIds = new Set(inactive.map((user) => user.id));
const messages = org.voicemails.filter((m) => inactiveIds.has(m.ownerUserId ?? ''));
const pickOf = <T>(items: T[], index: number): T => items[index % items.length] as T;

await measure('GET /api/v2/users/{id}', (i) =>
  call(sim, token, 'GET', `/api/v2/users/${pickOf(inactive, i).id}`),
);
await measure('GET /api/v2/users?state=inactive&pageSize=500', (i) =>
  call(sim, token, 'GET', `/api/v2/users?state=inactive&pageSize=500&pageNumber=${(i % 2) + 1}`),
);
await measure('POST /api/v2/users/search (state + email prefix)', (i) =>
  call(sim, token, 'POST', '/api/v2/users/search', {
    pageSize: 100,
    query: [
      { type: 'EXACT', fields: ['state'], values: ['inactive'] },
      { type: 'STARTS_WITH', fields: ['email'], values: [String.fromCharCode(97 + (i % 26))] },
    ],
  }),
);
await measure('GET /api/v2/voicemail/users/{id}/messages', (i) =>
  call(
    sim,
    token,
    'GET',
    `/api/v2/voicemail/users/${pickOf(inactive, i).id}/messages?pageSize=100`,
  ),
);
await measure('POST /api/v2/voicemail/messages (copy)', (i) =>
  call(sim, token, 'POST', '/api/v2/voicemail/messages', {
    voicemailMessageId: pickOf(messages, i).id,
    userId: pickOf(active, i).id,
  }),
);
console.log(`peakInFlight ${sim.stats().peakInFlight}, copies ${sim.stats().copies}`);
agent.destroy();
await sim.close();
