// Measures the client against the simulator with realistic latency and a Genesys-like limit.
// Run: pnpm --filter @handover/genesys bench
import { generateOrg, startSimulator } from '@handover/genesys-sim';
import { connectGenesys } from '../src/index.js';

const latencyMs = 50;
const serverRpm = 6_000;

async function measureLookups(clientRpm: number, calls: number): Promise<void> {
  const org = generateOrg({ seed: 1, users: 2_000, leavers: 200, voicemailsPerLeaver: 0 });
  const sim = await startSimulator(org, { latencyMs, requestsPerMinute: serverRpm });
  const client = await connectGenesys({
    clientId: 'handover-sim',
    clientSecret: 'sim-secret',
    apiUrl: sim.url,
    requestsPerMinute: clientRpm,
    concurrency: 8,
  });
  const ids = org.users.slice(0, calls).map((user) => user.id);
  const startedAt = performance.now();
  await Promise.all(ids.map((id) => client.getUser(id)));
  const seconds = (performance.now() - startedAt) / 1000;
  const stats = client.stats();
  process.stdout.write(
    `getUser x${calls}, client ${clientRpm} rpm vs server ${serverRpm} rpm, ${latencyMs} ms ` +
      `latency: ${seconds.toFixed(1)} s, ${(calls / seconds).toFixed(1)} calls/s, ` +
      `${stats.rateLimited} 429s, peak in flight ${stats.peakInFlight}\n`,
  );
  client.close();
  await sim.close();
}

async function measureListing(): Promise<void> {
  const org = generateOrg({ seed: 2, users: 40_000, leavers: 30_000, voicemailsPerLeaver: 0 });
  const sim = await startSimulator(org);
  const client = await connectGenesys({
    clientId: 'handover-sim',
    clientSecret: 'sim-secret',
    apiUrl: sim.url,
    requestsPerMinute: 60_000,
  });
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let users = 0;
  const startedAt = performance.now();
  for await (const page of client.listUsers('inactive')) {
    users += page.length;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  process.stdout.write(
    `listUsers inactive: ${users} users in ${seconds.toFixed(1)} s, ` +
      `${client.stats().requests} requests, process heap growth (simulator included) ≤ ` +
      `${((peakHeap - heapBefore) / 1e6).toFixed(1)} MB\n`,
  );
  client.close();
  await sim.close();
}

await measureLookups(6_000, 1_000);
await measureLookups(12_000, 1_000);
await measureListing();
