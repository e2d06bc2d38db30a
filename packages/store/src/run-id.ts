/**
 * A run id that sorts by start time and reads at a glance: `20261203T020000Z-7f3a`
 * (UTC start to the second, then 4 hex digits so that two runs in one second differ).
 */
export function newRunId(startedAt: Date, randomHex: () => string): string {
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${randomHex()}`;
}
