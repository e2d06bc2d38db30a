import type { PortalPasswordParams, PortalUser, Store } from '@handover/store';
import { PortalError } from './errors.js';
import { DEFAULT_SCRYPT, hashPassword } from './password.js';

export const MIN_PASSWORD_LENGTH = 12;

const USER_NAME = /^[\p{L}\p{N}._@+-]{1,64}$/u;

/**
 * Adds a portal account with a scrypt-hashed password. Throws PortalError 'portal.user_name' for
 * a name outside letters, digits and `._@+-` (1 to 64), 'portal.password_too_short' under
 * MIN_PASSWORD_LENGTH characters, and the store's 'store.portal_user_exists' for a taken name.
 */
export async function addPortalUser(
  store: Store,
  name: string,
  password: string,
  params: PortalPasswordParams = DEFAULT_SCRYPT,
): Promise<PortalUser> {
  if (!USER_NAME.test(name)) {
    throw new PortalError(
      'portal.user_name',
      `user name "${name}" must be 1 to 64 letters, digits or . _ @ + -`,
      { context: { userName: name } },
    );
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new PortalError(
      'portal.password_too_short',
      `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      { context: { userName: name } },
    );
  }
  return store.addPortalUser({ name, ...(await hashPassword(password, params)) });
}
