import { text } from 'node:stream/consumers';
import { addPortalUser, MIN_PASSWORD_LENGTH, PortalError, startPortal } from '@handover/portal';
import { StoreError } from '@handover/store';
import { AppError } from '../errors.js';
import { type JobContext, openDataStore } from '../job/run.js';

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
 * dropped). A short or empty password, a bad or taken name are refused with exit status 2.
 */
export async function addUserCommand(
  ctx: JobContext,
  name: string,
  input: NodeJS.ReadableStream,
): Promise<string> {
  const password = (await text(input)).replace(/\r?\n$/, '');
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'portal.account',
      `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    await addPortalUser(store, name, password);
    return `Added portal user ${name}.`;
  } catch (error) {
    if (error instanceof PortalError || error instanceof StoreError) {
      throw new AppError('portal.account', error.message, { cause: error });
    }
    throw error;
  } finally {
    store.close();
  }
}

/** Removes an account and its sessions; an unknown name is refused with exit status 2. */
export async function removeUserCommand(ctx: JobContext, name: string): Promise<string> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    if (!store.removePortalUser(name)) {
      throw new AppError('portal.account', `no portal user "${name}"`);
    }
    return `Removed portal user ${name}.`;
  } finally {
    store.close();
  }
}

/** The accounts, one per line with when each was added. */
export async function listUsersCommand(ctx: JobContext): Promise<string> {
  const store = await openDataStore(ctx.env.dataDir, ctx.logger);
  try {
    const users = store.listPortalUsers();
    if (users.length === 0) return 'No portal users.';
    return users.map((user) => `${user.name}\t${user.createdAt.toISOString()}`).join('\n');
  } finally {
    store.close();
  }
}
