/**
 * Compiles case-insensitive patterns, where `*` matches any run of characters and every other
 * character is literal, into one anchored RegExp that matches when any pattern does.
 */
export function compilePatterns(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
      .join('.*'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'is');
}
