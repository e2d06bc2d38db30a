import { CLI_USAGE, parseCliArgs } from './cli-args.js';
import { SIM_CLIENT } from './generate-org.js';
import { startSimulator } from './server.js';
import type { Logger } from './types.js';

/** One JSON line per event on stderr, pino-like, for --verbose. */
function stderrLogger(): Logger {
  const write = (level: string) => (fields: object, msg: string) =>
    process.stderr.write(`${JSON.stringify({ level, time: Date.now(), msg, ...fields })}\n`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

async function main(): Promise<void> {
  const config = parseCliArgs(process.argv.slice(2));
  if (config.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const org = config.org();
  const logger = config.verbose ? stderrLogger() : undefined;
  const sim = await startSimulator(org, { ...config.options, ...(logger ? { logger } : {}) });
  const leavers = org.users.filter((user) => user.state === 'inactive').length;
  process.stdout.write(
    [
      `Genesys simulator listening on ${sim.url} (${config.orgName} org: ${org.users.length} users, ` +
        `${leavers} inactive, ${org.voicemails.length} voicemails)`,
      // The simulator's own fixed, public test credentials, not a real secret.
      `client id: ${SIM_CLIENT.clientId}   client secret: ${SIM_CLIENT.clientSecret}`,
      '',
    ].join('\n'),
  );

  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping; ${JSON.stringify(sim.stats())}\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${CLI_USAGE}\n`);
  process.exit(2);
});
