import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateOrg, startSimulator } from '@handover/genesys-sim';
import { collect, jsonSummary } from '../src/testing/harness.js';
import { runNaiveClient } from './naive-client.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '20000' },
    leavers: { type: 'string', default: '400' },
    voicemails: { type: 'string', default: '30' },
    unread: { type: 'string', default: '0.6' },
    rps: { type: 'string', default: '100' },
    latency: { type: 'string', default: '100' },
    concurrency: { type: 'string' },
    'naive-leavers': { type: 'string', default: '40' },
    seed: { type: 'string', default: '7' },
  },
});

const appDir = fileURLToPath(new URL('../', import.meta.url));
const rootPackage = JSON.parse(
  await readFile(new URL('../../../package.json', import.meta.url), 'utf8'),
) as { scripts: { handover: string } };
const settings = {
  users: Number(args.users),
  leavers: Number(args.leavers),
  voicemailsPerLeaver: Number(args.voicemails),
  unreadShare: Number(args.unread),
  seed: Number(args.seed),
};
const rps = Number(args.rps);
const latencyMs = Number(args.latency);
// Enough requests in flight to fill the rate at this latency, with room for slow answers.
const concurrency = Number(
  args.concurrency ?? Math.max(4, Math.ceil((rps * latencyMs) / 1000) * 2),
);

const benchPolicy = `version: 1
leavers:
  states: [inactive]
messages:
  unread_only: true
rules:
  - name: sales-emea
    when: { department: Sales, division: EMEA }
    forward_to: [{ group: Sales Voicemail }]
  - name: support
    when: { department: Support }
    forward_to: [manager, { group: Support Archive }]
  - name: legal-hold
    when: { title: "*Counsel*" }
    forward_to: []
default:
  forward_to: [manager]
fallback:
  - user: ops-lead@example.com
`;

/**
 * Runs the real CLI against a simulator with a generated org, then a hand-written sequential
 * script against a fresh copy of the same org, and prints what each cost.
 */
async function main(): Promise<void> {
  const org = generateOrg(settings);
  const client = org.clients[0];
  if (!client) throw new Error('the generated org has no client');
  const voicemailPages = countVoicemailPages(org.voicemails, org.users);
  const simOptions = { requestsPerMinute: rps * 60, latencyMs };

  console.log(
    `org: ${settings.users} users, ${settings.leavers} leavers, ${settings.voicemailsPerLeaver} ` +
      `voicemails each, ${settings.unreadShare * 100}% unread (seed ${settings.seed})`,
  );
  console.log(
    `limit: ${rps} requests/s per token, ${latencyMs} ms per request, concurrency ${concurrency}\n`,
  );

  const sim = await startSimulator(org, simOptions);
  const root = await mkdtemp(path.join(os.tmpdir(), 'handover-bench-'));
  let job: Awaited<ReturnType<typeof runJobProcess>>;
  try {
    job = await runJobProcess(root, sim.url, client, concurrency);
  } finally {
    await sim.close();
  }
  const stats = sim.stats();
  await rm(root, { recursive: true, force: true });

  const summary = job.summary;
  const forwarded = Number(summary.forwarded);
  const leaverPages = Math.ceil(settings.leavers / 500);
  const fewest = leaverPages + voicemailPages + forwarded;
  const seconds = Number(summary.durationMs) / 1000;
  const efficiency = fewest / rps / seconds;

  console.log('requests by kind');
  for (const [route, count] of Object.entries(stats.byRoute).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${String(count).padStart(7)}  ${route}`);
  }
  const apiRequests = stats.total - (stats.byRoute['POST /oauth/token'] ?? 0);
  const row = (label: string, value: string) => console.log(`  ${label.padEnd(38)}${value}`);
  console.log('\nhandover');
  row('forwarded', `${forwarded} (failed ${summary.failed}, status ${summary.status})`);
  row('API requests', String(apiRequests));
  row('requests per forwarded message', (apiRequests / forwarded).toFixed(3));
  row('429 answers', String(stats.rateLimited));
  row('peak requests in flight', String(stats.peakInFlight));
  row('run time', `${seconds.toFixed(1)} s (process ${(job.wallMs / 1000).toFixed(1)} s)`);
  row('peak memory (RSS)', `${(job.peakRssKb / 1024).toFixed(0)} MB`);
  row('fewest requests a correct run needs', String(fewest));
  row('efficiency', efficiency.toFixed(3));
  const projected = apiRequests / 5;
  row('projected at 300 requests/min', `${(projected / 60).toFixed(1)} min`);

  const naive = await timeNaiveClient(org, client, simOptions);
  console.log('\nnaive sequential client (SDK, one call after another)');
  row(
    'measured',
    `${naive.sample.leavers} leavers, ${naive.sample.copies} copies, ` +
      `${(naive.sample.wallMs / 1000).toFixed(1)} s`,
  );
  if (naive.sample.listingCut) row('listing', 'stopped at the 10,000-result ceiling');
  row('projected for all leavers', `${(naive.projectedMs / 1000).toFixed(1)} s`);
  row('handover is faster by', `${(naive.projectedMs / 1000 / seconds).toFixed(1)}x`);
}

async function runJobProcess(
  root: string,
  url: string,
  client: { clientId: string; clientSecret: string },
  jobConcurrency: number,
) {
  const configDir = path.join(root, 'config');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'policy.yaml'), benchPolicy);
  await writeFile(
    path.join(configDir, 'handover.yaml'),
    `genesys:\n  requests_per_minute: ${rps * 60}\n  concurrency: ${jobConcurrency}\n`,
  );
  const started = Date.now();
  // The same Node.js flags as the root `handover` script, so the numbers are what users get.
  const child = spawn(
    process.execPath,
    [...handoverNodeFlags(), 'src/cli.ts', '--log-format', 'json', 'run', '--json'],
    {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
        LOG_LEVEL: 'warn',
        GENESYS_CLIENT_ID: client.clientId,
        GENESYS_CLIENT_SECRET: client.clientSecret,
        GENESYS_API_URL: url,
        GENESYS_LOGIN_URL: url,
        HANDOVER_CONFIG_DIR: configDir,
        HANDOVER_DATA_DIR: path.join(root, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let peakRssKb = 0;
  const sampler = setInterval(async () => {
    peakRssKb = Math.max(peakRssKb, await highWaterMarkKb(child.pid));
  }, 100);
  const result = await collect(child);
  clearInterval(sampler);
  if (result.code !== 0) throw new Error(`the job exited with ${result.code}:\n${result.stderr}`);
  return { summary: jsonSummary(result), wallMs: Date.now() - started, peakRssKb };
}

/** The Node.js options of the root package's `handover` script, e.g. `--import tsx`. */
function handoverNodeFlags(): string[] {
  const script = rootPackage.scripts.handover;
  return script.split(' ').filter((word) => word.startsWith('--') || word === 'tsx');
}

/** The kernel's record of a process's peak resident memory, while it is alive. */
async function highWaterMarkKb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function timeNaiveClient(
  org: ReturnType<typeof generateOrg>,
  client: { clientId: string; clientSecret: string },
  simOptions: { requestsPerMinute: number; latencyMs: number },
) {
  const sim = await startSimulator(org, simOptions);
  try {
    const maxLeavers = Math.min(Number(args['naive-leavers']), settings.leavers);
    const sample = await runNaiveClient({ url: sim.url, ...client, maxLeavers });
    // One call after another: time grows with the number of requests, so the sample scales up.
    const perRequest = sample.wallMs / sample.requests;
    const fullRequests = (sample.requests / Math.max(1, sample.leavers)) * settings.leavers;
    return { sample, projectedMs: perRequest * fullRequests };
  } finally {
    await sim.close();
  }
}

function countVoicemailPages(
  voicemails: ReadonlyArray<{ ownerUserId?: string }>,
  users: ReadonlyArray<{ id: string; state: string }>,
): number {
  const inactive = new Set(users.filter((u) => u.state === 'inactive').map((u) => u.id));
  const perOwner = new Map<string, number>();
  for (const message of voicemails) {
    if (message.ownerUserId && inactive.has(message.ownerUserId)) {
      perOwner.set(message.ownerUserId, (perOwner.get(message.ownerUserId) ?? 0) + 1);
    }
  }
  let pages = 0;
  for (const id of inactive) pages += Math.max(1, Math.ceil((perOwner.get(id) ?? 0) / 100));
  return pages;
}

await main();
