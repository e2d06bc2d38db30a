#!/usr/bin/env -S npx tsx
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { listPending, resolvePending, type Verdict } from './commands/pending.js';
import { policyCheck, policyExplain } from './commands/policy.js';
import {
  addUserCommand,
  listUsersCommand,
  removeUserCommand,
  serveCommand,
} from './commands/portal.js';
import { listRuns, regenerateReport, verifyRuns } from './commands/runs.js';
import { startCommand } from './commands/start.js';
import { type Environment, readEnvironment } from './env.js';
import { AppError, EXIT } from './errors.js';
import { terminalProgress } from './job/progress.js';
import { type JobContext, runJob } from './job/run.js';
import { createLogger, type LogFormat } from './logger.js';
import { loadSettings } from './settings.js';
import { summaryJson, summaryText } from './summary.js';
import { version } from './version.js';

interface GlobalOptions {
  logFormat?: LogFormat;
}

async function context(program: Command): Promise<JobContext> {
  const { logFormat } = program.opts<GlobalOptions>();
  const env: Environment = readEnvironment();
  const logger = createLogger({ level: env.logLevel, format: logFormat });
  const settings = await loadSettings(env.configDir);
  return { env, settings, logger, version };
}

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return parsed;
}

function buildProgram(): Command {
  const program = new Command('handover')
    .description('Forwards the voicemail of Genesys Cloud leavers and keeps a compliance trail.')
    .version(version)
    .addOption(
      new Option('--log-format <format>', 'log lines as pretty text or JSON').choices([
        'pretty',
        'json',
      ]),
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('run once now')
    .option('--dry-run', 'plan and report without copying anything')
    .option('--json', 'print a JSON summary as the last line of standard output')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      const ctx = await context(program);
      const progress = process.stderr.isTTY && !options.json ? terminalProgress() : undefined;
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop).once('SIGTERM', stop);
      const summary = await runJob(ctx, {
        mode: options.dryRun ? 'dry-run' : 'live',
        trigger: 'manual',
        signal: controller.signal,
        progress,
      });
      process.stdout.write(
        options.json ? `${JSON.stringify(summaryJson(summary))}\n` : `${summaryText(summary)}\n`,
      );
      process.exitCode = summary.failed > 0 ? EXIT.someFailed : EXIT.ok;
    });

  program
    .command('start')
    .description('run on the schedule in handover.yaml until stopped')
    .action(async () => {
      await startCommand(await context(program));
    });

  const policy = program.command('policy').description('check and explain the routing policy');
  policy
    .command('check')
    .description('validate policy.yaml and resolve every name it mentions against Genesys')
    .action(async () => {
      process.stdout.write(`${await policyCheck(await context(program))}\n`);
    });
  policy
    .command('explain')
    .argument('<user>', 'user id or email')
    .description('which rule applies to a user, which recipients, and why')
    .action(async (user: string) => {
      process.stdout.write(`${await policyExplain(await context(program), user)}\n`);
    });

  const runs = program
    .command('runs')
    .description('list recent runs')
    .option('--limit <n>', 'how many runs', positiveInt, 20)
    .action(async (options: { limit: number }) => {
      process.stdout.write(await listRuns(await context(program), options.limit));
    });
  runs
    .command('verify')
    .description("check every report against its recorded SHA-256 and the runs' hash chain")
    .action(async () => {
      const result = await verifyRuns(await context(program));
      process.stdout.write(result.text);
      process.exitCode = result.ok ? EXIT.ok : EXIT.someFailed;
    });

  program
    .command('report')
    .argument('<run-id>', 'the run whose report to regenerate')
    .option('--out <file>', 'write to this file instead of standard output')
    .description('regenerate a run report from the database')
    .action(async (runId: string, options: { out?: string }) => {
      const csv = await regenerateReport(await context(program), runId);
      if (options.out) await writeFile(options.out, csv);
      else process.stdout.write(csv);
    });

  const pending = program
    .command('pending')
    .description('list copies whose answer was lost and that Genesys could not confirm')
    .action(async () => {
      process.stdout.write(`${await listPending(await context(program))}\n`);
    });
  pending
    .command('resolve')
    .argument('<message-id>', 'the source voicemail message')
    .argument('<recipient>', 'user:<id> or group:<id>')
    .addOption(
      new Option('--verdict <verdict>', 'what the recipient mailbox shows')
        .choices(['delivered', 'not-delivered'])
        .makeOptionMandatory(),
    )
    .description("record what the recipient's mailbox shows for one unconfirmed copy")
    .action(async (messageId: string, recipient: string, options: { verdict: Verdict }) => {
      const ctx = await context(program);
      const said = await resolvePending(ctx, messageId, recipient, options.verdict);
      process.stdout.write(`${said}\n`);
    });

  program
    .command('serve')
    .description('serve the compliance portal until stopped')
    .option('--port <n>', 'listen on this port instead of the configured one', positiveInt)
    .action(async (options: { port?: number }) => {
      await serveCommand(await context(program), options.port);
    });

  const portal = program.command('portal').description('manage compliance portal accounts');
  portal
    .command('add-user')
    .argument('<name>', 'the user name to sign in with')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .description('add an account; the password is read from standard input')
    .action(async (name: string) => {
      const added = await addUserCommand(await context(program), name, process.stdin);
      process.stdout.write(`${added}\n`);
    });
  portal
    .command('remove-user')
    .argument('<name>', 'the account to remove')
    .description('remove an account and end its sessions')
    .action(async (name: string) => {
      process.stdout.write(`${await removeUserCommand(await context(program), name)}\n`);
    });
  portal
    .command('list-users')
    .description('list the accounts')
    .action(async () => {
      process.stdout.write(`${await listUsersCommand(await context(program))}\n`);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitFor(error);
  }
}

function exitFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version end with exit code 0; usage mistakes are a start-up error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.cannotStart;
  }
  if (error instanceof AppError) {
    process.stderr.write(`handover: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`handover: unexpected error: ${message}\n`);
  return EXIT.someFailed;
}

await main(process.argv);
