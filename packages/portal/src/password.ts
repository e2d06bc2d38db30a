import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import type { PortalCredentials, PortalPasswordParams } from '@handover/store';

/**
 * scrypt at N=2^15, r=8, p=1 (32 MiB, roughly 100 ms a check): slow enough to make offline
 * guessing from a stolen database expensive, quick enough for a sign-in.
 */
export const DEFAULT_SCRYPT: PortalPasswordParams = { N: 32768, r: 8, p: 1, keyLength: 64 };

function derive(password: string, salt: Buffer, params: PortalPasswordParams): Promise<Buffer> {
  // Node refuses scrypt above 32 MiB by default; give it exactly what the parameters need.
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 128 * params.N * params.r * params.p + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A fresh random 16-byte salt and the scrypt hash of the password with it, both base64. */
export async function hashPassword(
  password: string,
  params: PortalPasswordParams = DEFAULT_SCRYPT,
): Promise<{ passwordHash: string; salt: string; params: PortalPasswordParams }> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return { passwordHash: key.toString('base64'), salt: salt.toString('base64'), params };
}

/** Whether the password matches the stored hash; compares in constant time. */
export async function verifyPassword(
  password: string,
  stored: Pick<PortalCredentials, 'passwordHash' | 'salt' | 'params'>,
): Promise<boolean> {
  const expected = Buffer.from(stored.passwordHash, 'base64');
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored.params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
