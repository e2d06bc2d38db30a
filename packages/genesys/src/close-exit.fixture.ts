// Run by close-exit.test.ts in a child process: proves close() leaves nothing that keeps a
// process alive, even with a call parked in a long Retry-After pause.
import { connectGenesys } from './client.js';

const apiUrl = process.env.SIM_URL ?? '';
const client = await connectGenesys({
  clientId: 'handover-sim',
  clientSecret: 'sim-secret',
  apiUrl,
});
await client.getUsers([]);
const first = await client.getUser('aaaaaaaa-0000-4000-8000-000000000001');
const parked = client.getUser('aaaaaaaa-0000-4000-8000-000000000002').then(
  () => 'answered',
  (error: unknown) => (error instanceof Error ? `rejected: ${error.message}` : 'rejected'),
);
setTimeout(() => client.close(), 300);
const outcome = await parked;
process.stdout.write(`${JSON.stringify({ first: first?.id, outcome, stats: client.stats() })}\n`);
