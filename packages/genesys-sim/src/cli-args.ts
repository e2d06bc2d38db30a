import { parseArgs } from 'node:util';
import { demoOrg } from './demo-org.js';
import { generateOrg } from './generate-org.js';
import type { OrgSeed, SimulatorOptions } from './types.js';

export const CLI_USAGE = `Usage: genesys-sim [options]
  --port <n>                  listen port (default 9000; 0 = ephemeral)
  --org demo|generated        which org to serve (default demo)
  --seed <n>                  generated org seed (default 1)
  --users <n>                 generated org size (default 20000)
  --leavers <n>               generated inactive users (default 400)
  --voicemails <n>            voicemails per leaver (default 30)
  --unread <0..1>             unread share of those voicemails (default 0.6)
  --rpm <n>                   requests per minute per token (default: unlimited)
  --burst <seconds>           rate-limit burst in seconds of rate (default 1)
  --latency <ms>              latency added to every API answer (default 0)
  --server-errors <0..1>      share of API requests answered 503
  --ambiguous <0..1>          share of copies performed but answered badly
  --ambiguous-mode error|hang how ambiguous copies are answered (default error)
  --inactive-recipients reject|accept
  --deleted-mailbox messages|empty|not-found
  --listing-cap <n>           user listing result window (default 10000)
  --token-lifetime <seconds>  access token lifetime (default 86400)
  --verbose                   log simulator events as JSON lines on stderr
  --help`;

export interface CliConfig {
  help: boolean;
  verbose: boolean;
  org: () => OrgSeed;
  orgName: 'demo' | 'generated';
  options: SimulatorOptions;
}

function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new RangeError(`--${name} must be a number, got ${raw}`);
  return value;
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]) {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new RangeError(`--${name} must be one of ${allowed.join(', ')}, got ${raw}`);
  }
  return raw as T;
}

/** Drops undefined values so that option defaults apply. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Parses the simulator CLI's arguments. A leading `--` (as pnpm forwards it) is ignored. Throws
 * RangeError (or parseArgs' TypeError) with a readable message on bad input.
 */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: text,
      org: text,
      seed: text,
      users: text,
      leavers: text,
      voicemails: text,
      unread: text,
      rpm: text,
      burst: text,
      latency: text,
      'server-errors': text,
      ambiguous: text,
      'ambiguous-mode': text,
      'inactive-recipients': text,
      'deleted-mailbox': text,
      'listing-cap': text,
      'token-lifetime': text,
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const orgName = oneOf('org', values.org, ['demo', 'generated'] as const) ?? 'demo';
  const generate = defined({
    seed: numberOption('seed', values.seed),
    users: numberOption('users', values.users),
    leavers: numberOption('leavers', values.leavers),
    voicemailsPerLeaver: numberOption('voicemails', values.voicemails),
    unreadShare: numberOption('unread', values.unread),
  });
  const options: SimulatorOptions = defined({
    port: numberOption('port', values.port) ?? 9000,
    requestsPerMinute: numberOption('rpm', values.rpm),
    burstSeconds: numberOption('burst', values.burst),
    latencyMs: numberOption('latency', values.latency),
    serverErrorShare: numberOption('server-errors', values['server-errors']),
    ambiguousCopyShare: numberOption('ambiguous', values.ambiguous),
    ambiguousCopyMode: oneOf('ambiguous-mode', values['ambiguous-mode'], ['error', 'hang']),
    inactiveRecipients: oneOf('inactive-recipients', values['inactive-recipients'], [
      'reject',
      'accept',
    ]),
    deletedUserMailbox: oneOf('deleted-mailbox', values['deleted-mailbox'], [
      'messages',
      'empty',
      'not-found',
    ]),
    listingCap: numberOption('listing-cap', values['listing-cap']),
    tokenLifetimeSeconds: numberOption('token-lifetime', values['token-lifetime']),
  });
  return {
    help: values.help,
    verbose: values.verbose,
    orgName,
    org: orgName === 'demo' ? () => demoOrg() : () => generateOrg(generate),
    options,
  };
}
