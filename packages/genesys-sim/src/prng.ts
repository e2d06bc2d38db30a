/**
 * mulberry32: a tiny, fast 32-bit PRNG. Returns a function yielding floats in [0, 1); the same
 * seed always yields the same sequence, which keeps generated orgs and fault dice reproducible.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Eight hex digits drawn from `random`. */
export function hexWord(random: () => number): string {
  const word = Math.floor(random() * 4294967296);
  return (
    (HEX[(word >>> 24) & 0xff] ?? '00') +
    (HEX[(word >>> 16) & 0xff] ?? '00') +
    (HEX[(word >>> 8) & 0xff] ?? '00') +
    (HEX[word & 0xff] ?? '00')
  );
}

/** A version-4-shaped UUID drawn from `random`, so generated ids are deterministic per seed. */
export function seededUuid(random: () => number): string {
  const a = hexWord(random);
  const b = hexWord(random);
  const c = hexWord(random);
  const d = hexWord(random);
  const variant = ((Number.parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/**
 * A deterministic maker of UUID-shaped ids, far cheaper than `seededUuid` for the hundreds of
 * thousands of voicemails of a large org: a random first block (so that id order is not creation
 * order) and a running counter (so that ids never collide). `tag` (0..0xffff) separates kinds.
 */
export function idMint(random: () => number, tag: number): () => string {
  const middle = `-${tag.toString(16).padStart(4, '0')}-4000-8000-`;
  let counter = 0;
  return () => {
    counter++;
    return `${hexWord(random)}${middle}${counter.toString(16).padStart(12, '0')}`;
  };
}
