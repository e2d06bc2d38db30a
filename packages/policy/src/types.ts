/** Genesys user states as Handover sees them. */
export type UserState = 'active' | 'inactive' | 'deleted';

/** One entry of a `forward_to` or `fallback` list. `ref` is written as in the file. */
export type RecipientSpec =
  | { kind: 'manager' }
  | { kind: 'user'; ref: string }
  | { kind: 'group'; ref: string };

/** The `when` keys of a rule; every present key must match, a list means any of its values. */
export interface RuleWhen {
  user?: string[];
  email?: string[];
  department?: string[];
  division?: string[];
  title?: string[];
  group?: string[];
  location?: string[];
  manager?: string[];
}

export type WhenKey = keyof RuleWhen;

export interface Rule {
  name: string;
  when: RuleWhen;
  forwardTo: RecipientSpec[];
}

/** The validated policy file with every default applied. */
export interface Policy {
  version: 1;
  leavers: { states: Array<'inactive' | 'deleted'>; include: string[]; watchDays: number };
  messages: { unreadOnly: boolean; maxAgeDays: number };
  rules: Rule[];
  default: { forwardTo: RecipientSpec[] };
  fallback: RecipientSpec[];
}

export interface Person {
  id: string;
  name: string;
  email?: string;
  state: UserState;
  managerId?: string;
}

export interface GroupInfo {
  id: string;
  name: string;
  state: string;
}

/** What the engine knows about a leaver when choosing a rule. */
export interface LeaverProfile extends Person {
  department?: string;
  title?: string;
  division?: { id: string; name?: string };
  groupIds: string[];
  locationNames: string[];
}

/** Looks names up in Genesys (the app backs it with the API client and a cache). */
export interface PolicyResolver {
  user(idOrEmail: string): Promise<Person | undefined>;
  group(idOrName: string): Promise<GroupInfo | undefined>;
}

export interface RuleMatch {
  /** The rule name, or 'default' when no rule matched. */
  rule: string;
  forwardTo: RecipientSpec[];
  reasons: string[];
}

export interface ResolvedRecipient {
  type: 'user' | 'group';
  id: string;
  name: string;
  /** How this recipient was reached, e.g. 'manager (2 levels up: Ann inactive)'. */
  via: string;
}

export interface Resolution {
  rule: string;
  outcome: 'forward' | 'retained' | 'no_recipient';
  recipients: ResolvedRecipient[];
  /** Human-readable account of each decision, one line each. */
  steps: string[];
}

/** pino-compatible logger; packages log events with fields and never print. */
export interface Logger {
  debug(fields: object, msg: string): void;
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}
