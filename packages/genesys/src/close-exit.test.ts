import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoOrg, startSimulator } from '@handover/genesys-sim';
import { expect, it, onTestFinished } from 'vitest';

const fixture = fileURLToPath(new URL('./close-exit.fixture.ts', import.meta.url));

it('lets the process exit after close(), even with a call waiting out a long Retry-After', async () => {
  // One request per minute: the second call meets a Retry-After of about a minute.
  const sim = await startSimulator(demoOrg(), { requestsPerMinute: 1 });
  onTestFinished(() => sim.close());

  const startedAt = Date.now();
  const { code, stdout, stderr } = await new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', fixture],
      { env: { ...process.env, SIM_URL: sim.url }, timeout: 30_000 },
      (_error, out, err) => resolve({ code: child.exitCode, stdout: out, stderr: err }),
    );
  });
  const elapsedMs = Date.now() - startedAt;

  expect(stderr).toBe('');
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as { first?: string; outcome: string; stats: object };
  expect(report.first).toBe('aaaaaaaa-0000-4000-8000-000000000001');
  expect(report.outcome).toMatch(/^rejected: Genesys client was closed/);
  expect(report.stats).toMatchObject({ rateLimited: 1 });
  // Far less than the minute the parked call would otherwise have waited.
  expect(elapsedMs).toBeLessThan(30_000);
}, 40_000);
