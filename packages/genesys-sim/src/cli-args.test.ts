import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to the demo org on port 9000 with no faults', () => {
    const config = parseCliArgs([]);
    expect(config.orgName).toBe('demo');
    expect(config.options).toEqual({ port: 9000 });
    expect(config.org().users.some((user) => user.email === 'larry@example.com')).toBe(true);
  });

  it('reads a generated org and limits, ignoring the `--` pnpm forwards', () => {
    const config = parseCliArgs([
      '--',
      '--port',
      '0',
      '--org',
      'generated',
      '--users',
      '300',
      '--leavers',
      '20',
      '--voicemails',
      '2',
      '--rpm',
      '6000',
      '--latency',
      '100',
      '--ambiguous-mode',
      'hang',
    ]);
    expect(config.options).toEqual({
      port: 0,
      requestsPerMinute: 6000,
      latencyMs: 100,
      ambiguousCopyMode: 'hang',
    });
    const org = config.org();
    expect(org.users).toHaveLength(300);
    expect(org.users.filter((user) => user.state === 'inactive')).toHaveLength(20);
  });

  it('rejects bad values with a message naming the option', () => {
    expect(() => parseCliArgs(['--rpm', 'lots'])).toThrow(/--rpm/);
    expect(() => parseCliArgs(['--org', 'huge'])).toThrow(/--org/);
    expect(() => parseCliArgs(['--colour'])).toThrow();
  });
});
