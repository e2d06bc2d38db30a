/** Tests lower-cased text against a set of case-insensitive `*` patterns. */
export interface PatternSet {
  test(lowerCased: string): boolean;
}

/**
 * Compiles patterns where `*` matches any run of characters and every other character is
 * literal. Patterns without `*` go into a Set (one hash lookup however many there are); the
 * rest become one anchored RegExp. Callers lower-case the text once per leaver, so neither
 * needs case folding.
 */
export function compilePatterns(patterns: readonly string[]): PatternSet {
  const literals = new Set<string>();
  const wildcards: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower.includes('*')) wildcards.push(toRegExpSource(lower));
    else literals.add(lower);
  }
  const regex = wildcards.length > 0 ? new RegExp(`^(?:${wildcards.join('|')})$`, 's') : undefined;
  if (!regex) return { test: (text) => literals.has(text) };
  if (literals.size === 0) return { test: (text) => regex.test(text) };
  return { test: (text) => literals.has(text) || regex.test(text) };
}

function toRegExpSource(pattern: string): string {
  return pattern
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('.*');
}
