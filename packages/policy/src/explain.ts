import { viewOf } from './leaver-view.js';
import { matchRule } from './match-rule.js';
import type { ResolvedPolicy } from './resolve-policy.js';
import { resolveRecipients } from './resolve-recipients.js';
import { formatPath } from './source-map.js';
import type { LeaverProfile, PolicyResolver, Resolution, RuleMatch } from './types.js';

/**
 * Explains what the policy does with one leaver: why each earlier rule did not match, which
 * rule did and why, and each recipient after manager walk, fallback and de-duplication.
 * `text` is the multi-line account behind `handover policy explain`.
 */
export async function explain(
  resolved: ResolvedPolicy,
  leaver: LeaverProfile,
  resolver: PolicyResolver,
): Promise<{ match: RuleMatch; resolution: Resolution; text: string }> {
  const match = matchRule(resolved, leaver);
  const resolution = await resolveRecipients(resolved, leaver, match, resolver);

  const lines = [`${leaver.name} (${leaver.email ?? leaver.id}, ${leaver.state})`];
  lines.push(`policy: ${resolved.file}`);
  const view = viewOf(leaver);
  for (const [index, rule] of resolved.compiled.rules.entries()) {
    const failed = rule.conditions.find((condition) => !condition.matches(view));
    const where = formatPath(['rules', index]);
    if (!failed) break;
    lines.push(`  rule "${rule.name}" (${where}) skipped: ${failed.describe(view)}`);
  }
  lines.push(`matched: ${match.rule === 'default' ? 'default section' : `rule "${match.rule}"`}`);
  for (const reason of match.reasons) lines.push(`  ${reason}`);
  lines.push('recipients:');
  for (const step of resolution.steps) lines.push(`  ${step}`);
  lines.push(`outcome: ${resolution.outcome}`);
  for (const recipient of resolution.recipients) {
    lines.push(`  ${recipient.type} ${recipient.name} (${recipient.id}) via ${recipient.via}`);
  }
  return { match, resolution, text: lines.join('\n') };
}
