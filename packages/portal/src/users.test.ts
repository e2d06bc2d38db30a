import { join } from 'node:path';
import { openStore } from '@handover/store';
import { describe, expect, it } from 'vitest';
import { PortalError } from './errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { TEST_SCRYPT, tempDir } from './test-helpers.js';
import { addPortalUser } from './users.js';

describe('passwords', () => {
  it('salts every hash and accepts only the same password', async () => {
    const one = await hashPassword('same password here', TEST_SCRYPT);
    const two = await hashPassword('same password here', TEST_SCRYPT);
    expect(one.salt).not.toBe(two.salt);
    expect(one.passwordHash).not.toBe(two.passwordHash);
    expect(await verifyPassword('same password here', one)).toBe(true);
    expect(await verifyPassword('same password herE', one)).toBe(false);
    expect(await verifyPassword('', one)).toBe(false);
  });
});

describe('addPortalUser', () => {
  it('stores a verifiable hash, never the password', async () => {
    const store = openStore(join(tempDir(), 'handover.db'));
    await addPortalUser(store, 'ana.officer@example.com', 'twelve chars!', TEST_SCRYPT);
    const stored = store.portalCredentials('ana.officer@example.com');
    store.close();
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain('twelve chars!');
    expect(stored && (await verifyPassword('twelve chars!', stored))).toBe(true);
  });

  it('refuses short passwords and odd names with stable codes', async () => {
    const store = openStore(join(tempDir(), 'handover.db'));
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof PortalError ? error.code : String(error)),
      );
    expect(await codeOf(addPortalUser(store, 'ana', 'elevenchars', TEST_SCRYPT))).toBe(
      'portal.password_too_short',
    );
    expect(await codeOf(addPortalUser(store, 'ana', '', TEST_SCRYPT))).toBe(
      'portal.password_too_short',
    );
    for (const name of ['', 'a b', '<script>', 'x'.repeat(65)]) {
      expect(await codeOf(addPortalUser(store, name, 'long enough password', TEST_SCRYPT))).toBe(
        'portal.user_name',
      );
    }
    expect(store.listPortalUsers()).toEqual([]);
    store.close();
  });
});
