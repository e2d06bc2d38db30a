import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { demoOrg, startSimulator } from '@handover/genesys-sim';
import { readEnvironment } from './env.js';
import { EXIT } from './errors.js';
import { runJob } from './job/run.js';
import { createLogger } from './logger.js';
import { loadSettings } from './settings.js';
import { summaryText } from './summary.js';
import { version } from './version.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One live run of the real job against the Genesys simulator seeded with a small demo org, using
 * the repository's example policy. Its data lives in data/demo, apart from real runs, and is
 * started afresh each time so that the demo always shows a first night.
 */
async function demo(): Promise<number> {
  const org = demoOrg();
  const client = org.clients[0];
  if (!client) throw new Error('the demo org has no OAuth client');
  const sim = await startSimulator(org, { latencyMs: 5 });
  try {
    const env = readEnvironment({
      GENESYS_CLIENT_ID: client.clientId,
      GENESYS_CLIENT_SECRET: client.clientSecret,
      GENESYS_API_URL: sim.url,
      GENESYS_LOGIN_URL: sim.url,
      HANDOVER_CONFIG_DIR: `${repoRoot}config`,
      HANDOVER_DATA_DIR: `${repoRoot}data/demo`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    await rm(env.dataDir, { recursive: true, force: true });
    const logger = createLogger({ level: env.logLevel });
    // The example settings pace requests for a real org's 300 per minute; the simulator is
    // local and unlimited, so the demo need not wait.
    const example = await loadSettings(env.configDir);
    const settings = { ...example, genesys: { ...example.genesys, requestsPerMinute: 6000 } };

    process.stdout.write(
      `Demo: running Handover against the Genesys SIMULATOR at ${sim.url}\n` +
        `(${org.users.length} simulated users; no real Genesys org is contacted)\n` +
        `Policy: ${env.configDir}/policy.yaml   Data: ${env.dataDir}\n\n`,
    );
    const summary = await runJob(
      { env, settings, logger, version },
      { mode: 'live', trigger: 'manual' },
    );
    const stats = sim.stats();
    process.stdout.write(`${summaryText(summary)}\n`);
    process.stdout.write(
      `\nThe simulator answered ${stats.total} API requests and now holds ${stats.copies} ` +
        'forwarded copies.\n',
    );
    return summary.failed > 0 ? EXIT.someFailed : EXIT.ok;
  } finally {
    await sim.close();
  }
}

process.exitCode = await demo();
