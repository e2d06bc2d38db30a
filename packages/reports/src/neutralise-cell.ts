// Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, let one
// hide behind whitespace). Caller names come from the public phone network, so anyone can
// put `=HYPERLINK(...)` into one.
const FORMULA_PREFIXES = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes a cell inert in spreadsheet programs: a value starting with `=`, `+`, `-`, `@`, tab or
 * carriage return is prefixed with `'`, which they show as text; anything else is returned as is.
 */
export function neutraliseCell(value: string): string {
  const first = value.charAt(0);
  return FORMULA_PREFIXES.has(first) ? `'${value}` : value;
}
