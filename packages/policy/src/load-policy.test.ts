import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy } from './load-policy.js';
import { PolicyError } from './policy-error.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'handover-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadPolicy', () => {
  it('returns the parsed policy with the sha256 of the bytes read', async () => {
    const text = 'version: 1\nrules: []\nfallback: [{ user: ops@example.com }]\n';
    const path = join(dir, 'policy.yaml');
    await writeFile(path, text);

    const loaded = await loadPolicy(path);

    expect(loaded.file).toBe(path);
    expect(loaded.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(loaded.policy.fallback).toEqual([{ kind: 'user', ref: 'ops@example.com' }]);
  });

  it('throws policy.unreadable naming the file when it cannot be read', async () => {
    const path = join(dir, 'missing.yaml');
    const error = await loadPolicy(path).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toMatchObject({
      code: 'policy.unreadable',
      issues: [{ file: path, message: 'cannot read the policy file (ENOENT)' }],
    });
  });

  it('reports content errors under the path it was given', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, 'version: 1\nrules: []\nfalback: []\n');
    const error = await loadPolicy(path).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'policy.invalid' });
    expect((error as PolicyError).message).toContain(
      `${path}:3:1: falback: unknown key "falback" (did you mean "fallback"?)`,
    );
  });
});
