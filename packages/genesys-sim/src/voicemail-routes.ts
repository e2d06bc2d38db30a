import { randomUUID } from 'node:crypto';
import { badRequest, notFound, SimHttpError } from './errors.js';
import type { MailboxOwner } from './org-state.js';
import { entityListing, parsePage } from './paging.js';
import { ok, type RouteAnswer, type RouteContext, requirePermission } from './route-context.js';
import { mailboxJson, voicemailJson } from './serialize.js';
import type { SimVoicemail } from './types.js';

const VIEW_MAILBOX = 'voicemail:mailbox:viewOther';
const VIEW_VOICEMAIL = 'voicemail:voicemail:viewOther';

/**
 * The mailbox of a user as the API sees it; a deleted user's mailbox follows the
 * `deletedUserMailbox` option because Genesys does not document that case.
 */
function userMessages(context: RouteContext): readonly SimVoicemail[] {
  const userId = context.params.userId ?? '';
  const user = context.org.user(userId);
  if (!user) throw notFound('user', userId);
  if (user.state === 'deleted') {
    if (context.options.deletedUserMailbox === 'not-found') throw notFound('user', userId);
    if (context.options.deletedUserMailbox === 'empty') return [];
  }
  return context.org.mailbox({ userId });
}

/** GET /api/v2/voicemail/users/{userId}/mailbox. */
export function getUserMailbox(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_MAILBOX);
  return ok(mailboxJson(userMessages(context)));
}

/** GET /api/v2/voicemail/users/{userId}/messages: newest first, paged. */
export function listUserMessages(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_VOICEMAIL);
  const { query } = context;
  const page = parsePage(
    {
      pageSize: query.get('pageSize') ?? undefined,
      pageNumber: query.get('pageNumber') ?? undefined,
    },
    context.options.maxPageSize.voicemail,
  );
  const messages = userMessages(context);
  const path = `/api/v2/voicemail/users/${context.params.userId ?? ''}/messages`;
  return ok(entityListing(messages, page, path, query, (m) => voicemailJson(context.org.view(m))));
}

/** GET /api/v2/voicemail/messages/{messageId}. */
export function getMessage(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_VOICEMAIL);
  const id = context.params.messageId ?? '';
  const message = context.org.message(id);
  if (!message || message.deleted) throw notFound('voicemail message', id);
  return ok(voicemailJson(context.org.view(message)));
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
}

function parseCopyBody(body: unknown): { messageId: string; to: MailboxOwner } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a CopyVoicemailMessage object');
  }
  const fields = body as Record<string, unknown>;
  const messageId = optionalString(fields, 'voicemailMessageId');
  if (messageId === undefined) throw badRequest('voicemailMessageId is required');
  const userId = optionalString(fields, 'userId');
  const groupId = optionalString(fields, 'groupId');
  if ((userId === undefined) === (groupId === undefined)) {
    throw badRequest('Exactly one of userId or groupId must be given');
  }
  return { messageId, to: userId !== undefined ? { userId } : { groupId: groupId ?? '' } };
}

/** Checks that the recipient exists (404) and may receive (400 unless inactive are accepted). */
function checkRecipient(context: RouteContext, to: MailboxOwner): void {
  const recipient = 'userId' in to ? context.org.user(to.userId) : context.org.group(to.groupId);
  const kind = 'userId' in to ? 'user' : 'group';
  const id = 'userId' in to ? to.userId : to.groupId;
  if (!recipient) throw notFound(kind, id);
  const state = recipient.state ?? 'active';
  if (state !== 'active' && context.options.inactiveRecipients === 'reject') {
    throw new SimHttpError(
      400,
      'bad.request',
      `Cannot copy a voicemail to the ${state} ${kind} ${id}`,
      { messageParams: { [kind]: id } },
    );
  }
}

/**
 * POST /api/v2/voicemail/messages: copies a message to a user or group mailbox. With
 * `ambiguousCopyShare`, the copy is performed and then answered with 503/504 or not at all, which
 * is the case a client must settle without duplicating.
 */
export function copyMessage(context: RouteContext): RouteAnswer {
  requirePermission(context, VIEW_VOICEMAIL);
  const { messageId, to } = parseCopyBody(context.body);
  const source = context.org.message(messageId);
  if (!source || source.deleted) throw notFound('voicemail message', messageId);
  checkRecipient(context, to);

  const date = new Date(context.options.now()).toISOString();
  const { recordCopiedTo } = context.options;
  const copy = context.org.copyVoicemail(source, to, randomUUID(), date, recordCopiedTo);
  context.stats.copies++;
  context.options.logger?.debug({ messageId, copyId: copy.id, ...to }, 'sim.voicemail.copied');

  const { options } = context;
  if (options.ambiguousCopyShare > 0 && options.random() < options.ambiguousCopyShare) {
    context.stats.ambiguousCopies++;
    options.logger?.debug({ messageId, mode: options.ambiguousCopyMode }, 'sim.copy.ambiguous');
    if (options.ambiguousCopyMode === 'hang') return { kind: 'hang' };
    const status = options.random() < 0.5 ? 503 : 504;
    throw new SimHttpError(
      status,
      status === 503 ? 'service.unavailable' : 'gateway.timeout',
      status === 503 ? 'Service Unavailable' : 'The request timed out',
    );
  }
  return ok(voicemailJson(copy));
}
