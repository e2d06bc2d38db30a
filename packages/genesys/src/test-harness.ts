// Test-only helpers (imported by *.test.ts files, never by the package entry).
import {
  type OrgSeed,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '@handover/genesys-sim';
import { onTestFinished } from 'vitest';
import { connectGenesys } from './client.js';
import type { DirectoryUser, GenesysClient, GenesysOptions, Logger } from './types.js';

export const simCredentials = { clientId: 'handover-sim', clientSecret: 'sim-secret' };

export interface Harness {
  sim: Simulator;
  client: GenesysClient;
  events: LoggedEvent[];
}

export interface LoggedEvent {
  level: string;
  msg: string;
  fields: object;
}

/** A logger that keeps what it is told, so tests can read the events. */
export function memoryLogger(events: LoggedEvent[]): Logger {
  const keep = (level: string) => (fields: object, msg: string) => {
    events.push({ level, msg, fields });
  };
  return { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** A simulator on an ephemeral port and a client logged in to it, both closed after the test. */
export async function startHarness(
  org: OrgSeed,
  simOptions: SimulatorOptions = {},
  clientOptions: Partial<GenesysOptions> = {},
): Promise<Harness> {
  const sim = await startSimulator(org, simOptions);
  const events: LoggedEvent[] = [];
  try {
    const client = await connectGenesys({
      ...simCredentials,
      apiUrl: sim.url,
      requestsPerMinute: 60_000,
      logger: memoryLogger(events),
      ...clientOptions,
    });
    onTestFinished(async () => {
      client.close();
      await sim.close();
    });
    return { sim, client, events };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** Drains an async generator of pages into one array. */
export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

export function ids(users: DirectoryUser[]): string[] {
  return users.map((user) => user.id).sort();
}

/** Resolves after ms of wall time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
