import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type OrgSeed,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '@handover/genesys-sim';

const appDir = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = path.join(appDir, 'src/cli.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Harness extends AsyncDisposable {
  sim: Simulator;
  configDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Runs the real CLI in a child process, feeding it `input`, and waits for it to exit. */
  cli(args: string[], env?: NodeJS.ProcessEnv, input?: string): Promise<CliResult>;
  /** Starts the CLI and returns the child, for tests that signal or kill it. */
  spawnCli(args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
}

const settingsYaml = `schedule:
  cron: "0 2 * * *"
  timezone: UTC
genesys:
  requests_per_minute: 60000
  concurrency: 8
  timeout_seconds: 2
`;

/**
 * A simulator seeded with `org`, a config folder holding `policy`, an empty data folder, and an
 * environment that points the CLI at them. Dispose it to stop the simulator and remove the
 * folders.
 */
export async function startHarness(options: {
  org: OrgSeed;
  policy: string;
  sim?: SimulatorOptions;
  settings?: string;
}): Promise<Harness> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'handover-e2e-'));
  const configDir = path.join(root, 'config');
  const dataDir = path.join(root, 'data');
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'policy.yaml'), options.policy);
  await writeFile(path.join(configDir, 'handover.yaml'), options.settings ?? settingsYaml);
  const sim = await startSimulator(options.org, options.sim);
  const client = options.org.clients[0];
  if (!client) throw new Error('the org needs an OAuth client');

  const env: NodeJS.ProcessEnv = {
    ...cleanEnvironment(),
    GENESYS_CLIENT_ID: client.clientId,
    GENESYS_CLIENT_SECRET: client.clientSecret,
    GENESYS_API_URL: sim.url,
    GENESYS_LOGIN_URL: sim.url,
    HANDOVER_CONFIG_DIR: configDir,
    HANDOVER_DATA_DIR: dataDir,
  };
  const spawnCli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawn(process.execPath, ['--import', 'tsx', cliPath, '--log-format', 'json', ...args], {
      cwd: appDir,
      env: { ...env, ...extra },
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  return {
    sim,
    configDir,
    dataDir,
    env,
    spawnCli,
    cli: (args, extra, input = '') => {
      const child = spawnCli(args, extra);
      child.stdin?.end(input);
      return collect(child);
    },
    async [Symbol.asyncDispose]() {
      await sim.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Waits for a child to exit, keeping what it printed. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The last line of standard output parsed as the `--json` summary. */
export function jsonSummary(result: CliResult): Record<string, unknown> {
  const lines = result.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`no JSON summary; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** This process's environment without anything that could point the CLI at a real org. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('GENESYS_') && !key.startsWith('HANDOVER_'),
    ),
  );
}

/** Polls `condition` until it holds; fails the test after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
