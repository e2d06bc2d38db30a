import { z } from 'zod';
import type { Policy, RecipientSpec, Rule, RuleWhen } from './types.js';

// The file is validated with zod so that unknown keys (a typo such as `forwad_to`) are errors,
// and every issue carries a path that parse-policy turns into a line and column. Values with
// their own small grammar (recipients, string-or-list) use transforms so their messages can
// speak the file's language instead of zod's union jargon.

/** A `when` value: one string or a non-empty list of strings. */
function stringList(what: string, options: { exact: boolean; allowEmpty?: boolean }) {
  return z.unknown().transform((value, ctx): string[] => {
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} or a list of them` });
      return z.NEVER;
    }
    if (items.length === 0 && !options.allowEmpty) {
      ctx.addIssue({ code: 'custom', message: `expected at least one ${what}` });
      return z.NEVER;
    }
    const path = typeof value === 'string' ? [] : undefined;
    items.forEach((item: unknown, index) => {
      const at = path ?? [index];
      if (typeof item !== 'string' || item.trim() === '') {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: `expected ${what} (a non-empty string)`,
        });
      } else if (options.exact && item.includes('*')) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: `the * wildcard is not supported here; give ${what} exactly`,
        });
      }
    });
    return items.map((item) => String(item).trim());
  });
}

const RECIPIENT_HELP = 'expected "manager", "user: <id or email>" or "group: <id or name>"';

function parseRecipient(value: unknown, ctx: z.RefinementCtx, index: number): RecipientSpec {
  if (value === 'manager') return { kind: 'manager' };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', path: [index], message: RECIPIENT_HELP });
    return { kind: 'manager' };
  }
  const entries = Object.entries(value);
  for (const [key] of entries) {
    if (key !== 'user' && key !== 'group') {
      ctx.addIssue({
        code: 'custom',
        path: [index, key],
        message: `unknown key; ${RECIPIENT_HELP}`,
      });
    }
  }
  const known = entries.filter(([key]) => key === 'user' || key === 'group');
  if (known.length !== 1) {
    if (known.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: 'give either user or group, not both',
      });
    } else if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', path: [index], message: RECIPIENT_HELP });
    }
    return { kind: 'manager' };
  }
  const [kind, ref] = known[0] as [string, unknown];
  const what = kind === 'user' ? 'a user id or email' : 'a group id or name';
  if (typeof ref !== 'string' || ref.trim() === '') {
    ctx.addIssue({ code: 'custom', path: [index, kind], message: `expected ${what}` });
  } else if (ref.includes('*')) {
    ctx.addIssue({
      code: 'custom',
      path: [index, kind],
      message: `expected ${what}; the * wildcard is not supported in recipients`,
    });
  }
  return { kind: kind === 'user' ? 'user' : 'group', ref: String(ref).trim() };
}

/** A `forward_to` or `fallback` list. An empty value is refused: `[]` must be written. */
const recipientList = z.unknown().transform((value, ctx): RecipientSpec[] => {
  if (!Array.isArray(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a list of recipients (write [] to forward nothing)',
    });
    return z.NEVER;
  }
  return value.map((item: unknown, index) => parseRecipient(item, ctx, index));
});

/** Treats an empty section (`leavers:` with nothing under it) like an absent one. */
function section<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

const whenSchema = z.strictObject({
  user: stringList('a user id or email', { exact: true }).optional(),
  email: stringList('an email pattern', { exact: false }).optional(),
  department: stringList('a department pattern', { exact: false }).optional(),
  division: stringList('a division name or id pattern', { exact: false }).optional(),
  title: stringList('a title pattern', { exact: false }).optional(),
  group: stringList('a group id or name', { exact: true }).optional(),
  location: stringList('a location name pattern', { exact: false }).optional(),
  manager: stringList('a manager id or email', { exact: true }).optional(),
});

const ruleSchema = z.strictObject({
  name: z.string({ error: 'expected a rule name (a string)' }).trim().min(1, 'must not be empty'),
  when: section(whenSchema.optional()),
  forward_to: recipientList,
});

const leaversSchema = z.strictObject({
  states: z
    .array(z.enum(['inactive', 'deleted'], { error: 'expected inactive or deleted' }))
    .min(1, 'list at least one state')
    .default(['inactive']),
  include: section(stringList('a user id or email', { exact: true, allowEmpty: true }).optional()),
  watch_days: z.int({ error: 'expected a whole number of days' }).nonnegative().default(30),
});

const messagesSchema = z.strictObject({
  unread_only: z.boolean({ error: 'expected true or false' }).default(true),
  max_age_days: z.int({ error: 'expected a whole number of days' }).nonnegative().default(0),
});

const defaultSchema = z.strictObject({
  forward_to: recipientList.optional(),
});

export const policyFileSchema = z
  .strictObject({
    version: z.literal(1, { error: 'version must be 1' }),
    leavers: section(leaversSchema.prefault({})),
    messages: section(messagesSchema.prefault({})),
    rules: section(z.array(ruleSchema, { error: 'expected a list of rules ([] for none)' })),
    default: section(defaultSchema.prefault({})),
    fallback: section(recipientList.optional()),
  })
  .transform(
    (file): Policy => ({
      version: 1,
      leavers: {
        states: file.leavers.states,
        include: file.leavers.include ?? [],
        watchDays: file.leavers.watch_days,
      },
      messages: {
        unreadOnly: file.messages.unread_only,
        maxAgeDays: file.messages.max_age_days,
      },
      rules: file.rules.map(
        (rule): Rule => ({ name: rule.name, when: toWhen(rule.when), forwardTo: rule.forward_to }),
      ),
      default: { forwardTo: file.default.forward_to ?? [{ kind: 'manager' }] },
      fallback: file.fallback ?? [],
    }),
  );

function toWhen(when: z.infer<typeof whenSchema> | undefined): RuleWhen {
  const result: RuleWhen = {};
  if (!when) return result;
  for (const [key, values] of Object.entries(when)) {
    if (values !== undefined) result[key as keyof RuleWhen] = values;
  }
  return result;
}
