import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectGenesys } from '@handover/genesys';
import { generateOrg, startSimulator } from '@handover/genesys-sim';
import { parsePolicy, resolvePolicy } from '@handover/policy';
import { openStore } from '@handover/store';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Directory } from './directory.js';
import { findLeavers } from './find-leavers.js';

const policyText = `version: 1
rules: []
fallback:
  - user: ops-lead@example.com
`;

describe('findLeavers in a large org', () => {
  it('finds all 30,000 inactive users although Genesys lists at most 10,000', async () => {
    const org = generateOrg({ users: 40_000, leavers: 30_000, voicemailsPerLeaver: 0, seed: 3 });
    const sim = await startSimulator(org);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-find-'));
    const store = openStore(path.join(dir, 'handover.db'));
    const genesys = await connectGenesys({
      clientId: 'handover-sim',
      clientSecret: 'sim-secret',
      apiUrl: sim.url,
      loginUrl: sim.url,
      requestsPerMinute: 600_000,
      concurrency: 8,
    });
    try {
      const logger = pino({ level: 'silent' });
      const directory = new Directory(genesys);
      const policy = await resolvePolicy(
        parsePolicy(policyText, 'policy.yaml'),
        'policy.yaml',
        directory,
      );

      const leavers = await findLeavers({ genesys, store, directory, policy, logger });

      const expected = org.users.filter((user) => user.state === 'inactive').map((u) => u.id);
      const found = leavers.map((leaver) => leaver.user.id);
      expect(found).toHaveLength(30_000);
      expect(new Set(found)).toEqual(new Set(expected));
      expect(leavers.every((leaver) => leaver.user.state === 'inactive')).toBe(true);
      // The listing alone cannot reach past 10,000 results: the search partitions did the rest.
      expect(sim.stats().byRoute['POST /api/v2/users/search']).toBeGreaterThan(0);
    } finally {
      genesys.close();
      store.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
