import { explain } from '@handover/policy';
import { AppError } from '../errors.js';
import { Directory } from '../job/directory.js';
import { connect, type JobContext, readPolicy, resolveNames } from '../job/run.js';

/** Validates the policy and resolves every name in it; the answer says what was checked. */
export async function policyCheck(ctx: JobContext): Promise<string> {
  const loaded = await readPolicy(ctx);
  const genesys = await connect(ctx);
  try {
    const resolved = await resolveNames(loaded, new Directory(genesys));
    const { rules } = resolved.policy;
    return `${loaded.file}: valid; ${rules.length} rule(s), every user and group name resolved`;
  } finally {
    genesys.close();
  }
}

/** Which rule applies to one user, the recipients after resolution and fallback, and why. */
export async function policyExplain(ctx: JobContext, userRef: string): Promise<string> {
  const loaded = await readPolicy(ctx);
  const genesys = await connect(ctx);
  try {
    const directory = new Directory(genesys);
    const resolved = await resolveNames(loaded, directory);
    const user = await directory.directoryUser(userRef);
    if (!user) {
      throw new AppError('run.not_found', `No Genesys user has the id or email "${userRef}"`);
    }
    await directory.prefetchManagers([user]);
    const explained = await explain(resolved, user, directory);
    return explained.text;
  } finally {
    genesys.close();
  }
}
