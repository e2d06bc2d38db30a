import { mulberry32 } from './prng.js';
import type { Logger, SimulatorOptions } from './types.js';

/** SimulatorOptions with every default filled in. */
export interface ResolvedOptions {
  port: number;
  latencyMs: number;
  requestsPerMinute: number;
  burstSeconds: number;
  tokenLifetimeSeconds: number;
  serverErrorShare: number;
  ambiguousCopyShare: number;
  ambiguousCopyMode: 'error' | 'hang';
  inactiveRecipients: 'reject' | 'accept';
  recordCopiedTo: boolean;
  deletedUserMailbox: 'empty' | 'not-found' | 'messages';
  listingCap: number;
  maxPageSize: { users: number; search: number; voicemail: number };
  random: () => number;
  now: () => number;
  logger: Logger | undefined;
}

const FAULT_DICE_SEED = 0x5eed;

function share(name: string, value: number): number {
  if (!(value >= 0 && value <= 1))
    throw new RangeError(`${name} must be within 0..1, got ${value}`);
  return value;
}

/** Applies `changes` over `base` (or the defaults) and validates the result. */
export function resolveOptions(
  changes: Partial<SimulatorOptions>,
  base?: ResolvedOptions,
): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: changes.port ?? base?.port ?? 0,
    latencyMs: changes.latencyMs ?? base?.latencyMs ?? 0,
    requestsPerMinute: changes.requestsPerMinute ?? base?.requestsPerMinute ?? Infinity,
    burstSeconds: changes.burstSeconds ?? base?.burstSeconds ?? 1,
    tokenLifetimeSeconds: changes.tokenLifetimeSeconds ?? base?.tokenLifetimeSeconds ?? 86400,
    serverErrorShare: share(
      'serverErrorShare',
      changes.serverErrorShare ?? base?.serverErrorShare ?? 0,
    ),
    ambiguousCopyShare: share(
      'ambiguousCopyShare',
      changes.ambiguousCopyShare ?? base?.ambiguousCopyShare ?? 0,
    ),
    ambiguousCopyMode: changes.ambiguousCopyMode ?? base?.ambiguousCopyMode ?? 'error',
    inactiveRecipients: changes.inactiveRecipients ?? base?.inactiveRecipients ?? 'reject',
    recordCopiedTo: changes.recordCopiedTo ?? base?.recordCopiedTo ?? true,
    deletedUserMailbox: changes.deletedUserMailbox ?? base?.deletedUserMailbox ?? 'messages',
    listingCap: changes.listingCap ?? base?.listingCap ?? 10000,
    maxPageSize: {
      users: changes.maxPageSize?.users ?? base?.maxPageSize.users ?? 500,
      search: changes.maxPageSize?.search ?? base?.maxPageSize.search ?? 100,
      voicemail: changes.maxPageSize?.voicemail ?? base?.maxPageSize.voicemail ?? 100,
    },
    random: changes.random ?? base?.random ?? mulberry32(FAULT_DICE_SEED),
    now: changes.now ?? base?.now ?? Date.now,
    logger: changes.logger ?? base?.logger,
  };
  if (!(resolved.latencyMs >= 0)) throw new RangeError('latencyMs must be >= 0');
  if (!(resolved.requestsPerMinute > 0)) throw new RangeError('requestsPerMinute must be > 0');
  if (!(resolved.burstSeconds > 0)) throw new RangeError('burstSeconds must be > 0');
  return resolved;
}
