// Well under SQLite's bound-parameter limit, and small enough to keep each statement cheap.
const CHUNK = 500;

/** Splits a list for `IN (...)` queries. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
