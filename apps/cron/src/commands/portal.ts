import { text } from 'node:stream/consumers';
import { addPortalUser, MIN_PASSWORD_LENGTH, PortalError, startPortal } from '@handover/portal';
import { StoreError } from '@handover/store';
import { EXIT } from '../errors.js';
import { type JobContext, openDataStore } from '../job/run.js';

/** What a portal account command tells the person, and how the process should end. */
export interface CommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/**
 * Serves the compliance portal until SIGTERM or SIGINT, then stops listening, closes the
 * database and returns. Host and port come from the `portal` section of handover.yaml; `port`
 * overrides the configured one.
 */
export async function serveCommand(ctx: JobContext, port?: number): Promise<void> {
  const { settings, logger } = ctx;
  const store = await openDataStore(ctx.env.dataDir, logger);
  try {
    const portal = await startPortal({
      store,
      host: settings.portal.host,
      port: port ?? settings.portal.port,
      secureCookies: settings.portal.secureCookies,
      logger,
    });
    logger.info({ url: portal.url, dataDir: ctx.env.dataDir }, 'portal serving');
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM')).once('SIGINT', () => resolve('SIGINT'));
    });
    logger.info({ signal }, 'portal stopping');
    await portal.close();
  } finally {
    store.close();
  }
}

/**
 * Adds an account with the password read from standard input (one trailing line break is
 * dropped). A short or empty password, a bad or taken name end with exit status 2.
 */
export async function addUserCommand(
  ctx: JobContext,
  name: string,
  input: NodeJS.ReadableStream,
): Promise<CommandResult> {
  const password = (await text(input)).replace(/\r?\n$/, '');
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      exitCode: EXIT.cannotStart,
      stderr: `handover: the password must have at least ${MIN_PASSWORD_LENGTH} characters\n`,
    };
  }
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    await addPortalUser(store, name, password);
    return { exitCode: EXIT.ok, stdout: `Added portal user ${name}.\n` };
  } catch (error) {
    if (error instanceof PortalError || error instanceof StoreError) {
      return { exitCode: EXIT.cannotStart, stderr: `handover: ${error.message}\n` };
    }
    throw error;
  } finally {
    store.close();
  }
}

/** Removes an account and its sessions; an unknown name ends with exit status 2. */
export async function removeUserCommand(ctx: JobContext, name: string): Promise<CommandResult> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    return store.removePortalUser(name)
      ? { exitCode: EXIT.ok, stdout: `Removed portal user ${name}.\n` }
      : { exitCode: EXIT.cannotStart, stderr: `handover: no portal user "${name}"\n` };
  } finally {
    store.close();
  }
}

/** The accounts, one per line with when each was added. */
export async function listUsersCommand(ctx: JobContext): Promise<CommandResult> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const users = store.listPortalUsers();
    const lines = users.map((user) => `${user.name}\t${user.createdAt.toISOString()}`);
    return {
      exitCode: EXIT.ok,
      stdout: users.length === 0 ? 'No portal users.\n' : `${lines.join('\n')}\n`,
    };
  } finally {
    store.close();
  }
}
