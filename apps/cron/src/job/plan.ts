import {
  type DirectoryUser,
  type GenesysClient,
  isGenesysError,
  type Voicemail,
} from '@handover/genesys';
import {
  matchRule,
  type Resolution,
  type ResolvedPolicy,
  resolveRecipients,
} from '@handover/policy';
import {
  type ForwardKey,
  forwardKey,
  type Outcome,
  type PlannedForward,
  type ReportItem,
  type RunMode,
  type Store,
} from '@handover/store';
import type { Directory } from './directory.js';

const dayMs = 24 * 60 * 60 * 1000;

export interface LeaverPlan {
  forwards: PlannedForward[];
  /** Copies that Genesys already shows in the message's `copiedTo`: settled without a request. */
  alreadyCopied: PlannedForward[];
  /** Rows for messages that are not forwarded (retained, skipped, no recipient). */
  items: ReportItem[];
  messages: number;
}

export interface PlanScope {
  runId: string;
  mode: RunMode;
  genesys: GenesysClient;
  store: Store;
  directory: Directory;
  policy: ResolvedPolicy;
  now: Date;
}

/** Outcomes that cannot change for a message, reported once rather than every night. */
const finalOutcomes = new Set<Outcome>(['retained', 'skipped_read', 'skipped_old']);

/**
 * Lists one leaver's voicemail and decides, per message, what the run does with it. Messages are
 * read page by page; the policy is evaluated only when some message may need forwarding.
 */
export async function planLeaver(scope: PlanScope, leaver: DirectoryUser): Promise<LeaverPlan> {
  const plan: LeaverPlan = { forwards: [], alreadyCopied: [], items: [], messages: 0 };
  const { messages: settings } = scope.policy.policy;
  const oldest =
    settings.maxAgeDays > 0 ? scope.now.getTime() - settings.maxAgeDays * dayMs : undefined;
  // Matching is pure and cheap, so every row can name its rule; resolving recipients may cost
  // requests, so it waits until some message needs forwarding.
  const match = matchRule(scope.policy, leaver);
  let resolution: Promise<Resolution> | undefined;

  for await (const page of mailboxPages(scope.genesys, leaver)) {
    const live = page.filter((message) => !message.deleted);
    plan.messages += live.length;
    const earlier = scope.store.reportedMessageOutcomes(live.map((m) => m.id));
    const statuses = scope.store.forwardStatus(live.map((m) => m.id));

    for (const message of live) {
      const skip = skipReason(message, settings.unreadOnly, oldest);
      if (skip) {
        if (!isFinalAlready(earlier.get(message.id))) {
          plan.items.push(item(scope, leaver, message, skip.outcome, skip.detail, match.rule));
        }
        continue;
      }

      resolution ??= resolveRecipients(scope.policy, leaver, match, scope.directory);
      const resolved = await resolution;
      if (resolved.outcome === 'retained') {
        if (!isFinalAlready(earlier.get(message.id))) {
          const detail = `rule ${resolved.rule} forwards nothing`;
          plan.items.push(item(scope, leaver, message, 'retained', detail, resolved.rule));
        }
        continue;
      }
      if (resolved.outcome === 'no_recipient') {
        const detail = resolved.steps.join('; ');
        plan.items.push(item(scope, leaver, message, 'no_recipient', detail, resolved.rule));
        continue;
      }

      for (const recipient of resolved.recipients) {
        const planned = plannedCopy(leaver, message, recipient, resolved.rule);
        const status = statuses.get(forwardKey(planned));
        if (status === 'forwarded') continue;
        if (status === 'pending') {
          // An earlier copy whose fate Genesys could not tell yet: never sent again blindly. A
          // live run's settling step already reported it; a dry run shows it here.
          const detail = 'an earlier copy is still unconfirmed; settled by a later run';
          if (scope.mode === 'dry-run')
            plan.items.push(forwardItem(scope, planned, 'deferred', detail));
          continue;
        }
        if (hasCopy(message, planned)) plan.alreadyCopied.push(planned);
        else plan.forwards.push(planned);
      }
    }
  }
  return plan;
}

/**
 * A leaver's voicemail, page by page. Genesys may answer 404 for the mailbox of a deleted user
 * whose voicemail was purged; that mailbox has nothing left to forward.
 */
async function* mailboxPages(genesys: GenesysClient, leaver: DirectoryUser) {
  try {
    yield* genesys.listVoicemails(leaver.id);
  } catch (error) {
    if (isGenesysError(error, 'not_found') && leaver.state === 'deleted') return;
    throw error;
  }
}

function skipReason(
  message: Voicemail,
  unreadOnly: boolean,
  oldest: number | undefined,
): { outcome: Outcome; detail: string } | undefined {
  if (unreadOnly && message.read) {
    return { outcome: 'skipped_read', detail: 'already read' };
  }
  if (oldest !== undefined && Date.parse(message.createdDate) < oldest) {
    return { outcome: 'skipped_old', detail: 'older than messages.max_age_days' };
  }
  return undefined;
}

function isFinalAlready(outcome: Outcome | undefined): boolean {
  return outcome !== undefined && finalOutcomes.has(outcome);
}

/** Whether Genesys already records a copy of this message to this recipient. */
export function hasCopy(message: Voicemail, key: ForwardKey): boolean {
  return message.copiedTo.some((copy) =>
    key.recipientType === 'user'
      ? copy.userId === key.recipientId
      : copy.groupId === key.recipientId,
  );
}

/** A report row for a message; recipient columns are filled in by the caller when there is one. */
export function item(
  scope: { runId: string; mode: RunMode },
  leaver: DirectoryUser,
  message: Voicemail,
  outcome: Outcome,
  detail: string,
  rule = '',
): ReportItem {
  return {
    runId: scope.runId,
    runMode: scope.mode,
    leaverId: leaver.id,
    leaverName: leaver.name,
    leaverEmail: leaver.email ?? '',
    leaverState: leaver.state,
    rule,
    recipientType: '',
    recipientId: '',
    recipientName: '',
    messageId: message.id,
    messageCreated: message.createdDate,
    callerName: message.callerName ?? '',
    callerAddress: message.callerAddress ?? '',
    durationSeconds: message.durationSeconds ?? null,
    outcome,
    detail,
    forwardedAt: '',
  };
}

/** One copy the run intends to make, with what its report row will need. */
export function plannedCopy(
  leaver: DirectoryUser,
  message: Voicemail,
  recipient: { type: 'user' | 'group'; id: string; name: string },
  rule: string,
): PlannedForward {
  return {
    messageId: message.id,
    recipientType: recipient.type,
    recipientId: recipient.id,
    recipientName: recipient.name,
    leaverId: leaver.id,
    leaverName: leaver.name,
    leaverEmail: leaver.email ?? '',
    leaverState: leaver.state,
    rule,
    messageCreated: message.createdDate,
    callerName: message.callerName ?? '',
    callerAddress: message.callerAddress ?? '',
    durationSeconds: message.durationSeconds ?? null,
  };
}

/** The report row for a planned copy. */
export function forwardItem(
  scope: { runId: string; mode: RunMode },
  planned: PlannedForward,
  outcome: Outcome,
  detail: string,
  forwardedAt?: Date,
): ReportItem {
  return {
    runId: scope.runId,
    runMode: scope.mode,
    leaverId: planned.leaverId,
    leaverName: planned.leaverName,
    leaverEmail: planned.leaverEmail,
    leaverState: planned.leaverState,
    rule: planned.rule,
    recipientType: planned.recipientType,
    recipientId: planned.recipientId,
    recipientName: planned.recipientName,
    messageId: planned.messageId,
    messageCreated: planned.messageCreated,
    callerName: planned.callerName,
    callerAddress: planned.callerAddress,
    durationSeconds: planned.durationSeconds,
    outcome,
    detail,
    forwardedAt: forwardedAt?.toISOString() ?? '',
  };
}
