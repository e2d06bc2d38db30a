/** One problem in a policy file, located as precisely as the file allows. */
export interface PolicyIssue {
  file: string;
  line?: number;
  column?: number;
  /** Path of the offending key as written in the file, e.g. `rules[1].forward_to[0].group`. */
  key?: string;
  /** Name of the rule the issue belongs to, when it belongs to one. */
  rule?: string;
  /** The offending value, when there is one worth quoting. */
  value?: string;
  message: string;
}

export type PolicyErrorCode =
  | 'policy.syntax'
  | 'policy.invalid'
  | 'policy.unresolved'
  | 'policy.unreadable';

/**
 * Everything wrong with a policy file at once, so an administrator fixes it in one pass.
 * The message lists each issue as `file:line:column: key: message`.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  readonly issues: PolicyIssue[];

  constructor(code: PolicyErrorCode, issues: PolicyIssue[], options?: { cause?: unknown }) {
    super(describeIssues(code, issues), options);
    this.code = code;
    this.issues = issues;
  }
}

const HEADLINES: Record<PolicyErrorCode, string> = {
  'policy.syntax': 'policy file is not valid YAML',
  'policy.invalid': 'policy file does not follow the policy format',
  'policy.unresolved': 'policy names users or groups that do not exist',
  'policy.unreadable': 'policy file cannot be read',
};

function describeIssues(code: PolicyErrorCode, issues: PolicyIssue[]): string {
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  return [`${HEADLINES[code]} (${count})`, ...issues.map(formatIssue)].join('\n');
}

/** Formats one issue as `file:line:column: key: message`, leaving out the parts it lacks. */
export function formatIssue(issue: PolicyIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const parts = [where];
  if (issue.key !== undefined) parts.push(issue.key);
  let message = issue.message;
  if (issue.rule !== undefined) message += ` (rule "${issue.rule}")`;
  parts.push(message);
  return parts.join(': ');
}
