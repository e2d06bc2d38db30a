import type { CompiledRule } from './compile-rules.js';
import { type LeaverView, viewOf } from './leaver-view.js';
import type { ResolvedPolicy } from './resolve-policy.js';
import type { LeaverProfile, RuleMatch } from './types.js';

/**
 * Picks the first rule whose every `when` key matches the leaver, or the default section
 * (rule 'default'). Synchronous and pure: resolvePolicy already resolved every name and
 * compiled every pattern, so this only runs precompiled tests.
 */
export function matchRule(resolved: ResolvedPolicy, leaver: LeaverProfile): RuleMatch {
  const view = viewOf(leaver);
  for (const rule of resolved.compiled.rules) {
    if (allMatch(rule, view)) {
      return { rule: rule.name, forwardTo: rule.forwardTo, reasons: reasonsFor(rule, view) };
    }
  }
  const { fallthrough } = resolved.compiled;
  return { rule: fallthrough.name, forwardTo: fallthrough.forwardTo, reasons: ['no rule matched'] };
}

function allMatch(rule: CompiledRule, view: LeaverView): boolean {
  for (const condition of rule.conditions) if (!condition.matches(view)) return false;
  return true;
}

function reasonsFor(rule: CompiledRule, view: LeaverView): string[] {
  if (rule.conditions.length === 0) return ['the rule has no conditions, so it matches everyone'];
  return rule.conditions.map((condition) => condition.describe(view));
}
