import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parsePolicy } from './parse-policy.js';
import { PolicyError } from './policy-error.js';
import type { Policy } from './types.js';

/**
 * Reads and parses a policy file. `sha256` is the hash of the exact bytes read, so a run can
 * record which version of the policy it applied. Throws PolicyError `policy.unreadable` when
 * the file cannot be read, and whatever parsePolicy throws for its content.
 */
export async function loadPolicy(
  path: string,
): Promise<{ policy: Policy; sha256: string; file: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : 'read failed';
    throw new PolicyError(
      'policy.unreadable',
      [{ file: path, message: `cannot read the policy file (${reason})` }],
      { cause },
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const policy = parsePolicy(bytes.toString('utf8'), path);
  return { policy, sha256, file: path };
}
