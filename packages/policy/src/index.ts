export { explain } from './explain.js';
export { InMemoryResolver } from './in-memory-resolver.js';
export { isLeaver } from './is-leaver.js';
export { loadPolicy } from './load-policy.js';
export { matchRule } from './match-rule.js';
export { parsePolicy } from './parse-policy.js';
export {
  formatIssue,
  PolicyError,
  type PolicyErrorCode,
  type PolicyIssue,
} from './policy-error.js';
export { type ResolvedPolicy, resolvePolicy } from './resolve-policy.js';
export { MAX_MANAGER_LEVELS, resolveRecipients } from './resolve-recipients.js';
export type {
  GroupInfo,
  LeaverProfile,
  Logger,
  Person,
  Policy,
  PolicyResolver,
  RecipientSpec,
  Resolution,
  ResolvedRecipient,
  Rule,
  RuleMatch,
  RuleWhen,
  UserState,
  WhenKey,
} from './types.js';
