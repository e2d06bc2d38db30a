import { describe, expect, it } from 'vitest';
import { demoOrg } from './demo-org.js';
import { startSimulator } from './server.js';
import { accessToken, api } from './test-support.js';
import type { Logger } from './types.js';

interface Entry {
  level: string;
  fields: object;
  msg: string;
}

function recordingLogger(entries: Entry[]): Logger {
  const at = (level: string) => (fields: object, msg: string) => {
    entries.push({ level, fields, msg });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('logging', () => {
  it('logs events with fields and never a secret or token', async () => {
    const org = demoOrg(new Date('2026-01-15T12:00:00Z'));
    const entries: Entry[] = [];
    const sim = await startSimulator(org, {
      logger: recordingLogger(entries),
      ambiguousCopyShare: 1,
      requestsPerMinute: 120,
      now: () => 0,
    });
    try {
      const token = await accessToken(sim);
      const source = org.voicemails[0];
      const recipient = org.users.find((user) => user.email === 'larry@example.com');
      await api(sim, token, '/api/v2/voicemail/messages', {
        voicemailMessageId: source?.id,
        userId: recipient?.id,
      });
      await api(sim, token, '/api/v2/users');
      await api(sim, token, '/api/v2/users');

      expect(entries.map((entry) => entry.msg)).toEqual([
        'sim.started',
        'sim.token.issued',
        'sim.voicemail.copied',
        'sim.copy.ambiguous',
        'sim.rate.limited',
      ]);
      const logged = JSON.stringify(entries);
      expect(logged).not.toContain(token);
      expect(logged).not.toContain('sim-secret');
    } finally {
      await sim.close();
    }
  });
});
