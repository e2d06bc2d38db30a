import type { CompiledRule } from './compile-rules.js';
import type { ResolvedPolicy } from './resolve-policy.js';
import type { LeaverProfile, RuleMatch } from './types.js';

/**
 * Picks the first rule whose every `when` key matches the leaver, or the default section
 * (rule 'default'). Synchronous and pure: resolvePolicy already resolved every name and
 * compiled every pattern, so this only runs precompiled tests.
 */
export function matchRule(resolved: ResolvedPolicy, leaver: LeaverProfile): RuleMatch {
  for (const rule of resolved.compiled.rules) {
    if (allMatch(rule, leaver)) {
      return { rule: rule.name, forwardTo: rule.forwardTo, reasons: reasonsFor(rule, leaver) };
    }
  }
  const { fallthrough } = resolved.compiled;
  return { rule: fallthrough.name, forwardTo: fallthrough.forwardTo, reasons: ['no rule matched'] };
}

function allMatch(rule: CompiledRule, leaver: LeaverProfile): boolean {
  for (const condition of rule.conditions) if (!condition.matches(leaver)) return false;
  return true;
}

function reasonsFor(rule: CompiledRule, leaver: LeaverProfile): string[] {
  if (rule.conditions.length === 0) return ['the rule has no conditions, so it matches everyone'];
  return rule.conditions.map((condition) => condition.describe(leaver));
}
