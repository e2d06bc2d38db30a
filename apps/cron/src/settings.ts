import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cron from 'node-cron';
import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError } from './errors.js';

const positiveInt = z.number().int().positive();

const settingsSchema = z.strictObject({
  schedule: z
    .strictObject({
      cron: z
        .string()
        .refine((value) => cron.validate(value), 'not a valid cron expression')
        .default('0 2 * * *'),
      timezone: z.string().refine(isTimeZone, 'not an IANA time zone').default('UTC'),
      catch_up: z.boolean().default(true),
      window_minutes: z.number().int().nonnegative().default(0),
    })
    .prefault({}),
  run: z
    .strictObject({
      time_budget_minutes: z.number().nonnegative().default(0),
      lock_stale_minutes: positiveInt.default(10),
    })
    .prefault({}),
  genesys: z
    .strictObject({
      requests_per_minute: positiveInt.default(300),
      concurrency: positiveInt.max(64).default(8),
      timeout_seconds: positiveInt.default(30),
    })
    .prefault({}),
  portal: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(8080),
      secure_cookies: z.boolean().default(false),
    })
    .prefault({}),
});

export interface Settings {
  file: string;
  schedule: { cron: string; timezone: string; catchUp: boolean; windowMinutes: number };
  run: { timeBudgetMinutes: number; lockStaleMinutes: number };
  genesys: { requestsPerMinute: number; concurrency: number; timeoutSeconds: number };
  portal: { host: string; port: number; secureCookies: boolean };
}

/** Reads `handover.yaml` from the config folder; a missing file means all defaults. */
export async function loadSettings(configDir: string): Promise<Settings> {
  const file = path.join(configDir, 'handover.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AppError('config.invalid', `Cannot read ${file}: ${(error as Error).message}`);
    }
    text = '';
  }
  return parseSettings(text, file);
}

/** Validates settings text; every problem is reported at once with its line and key. */
export function parseSettings(text: string, file: string): Settings {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number | undefined) => {
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };

  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `  ${where(e.pos[0])}: ${e.message.split('\n')[0]}`);
    throw new AppError('config.invalid', `${file} is not valid YAML:\n${lines.join('\n')}`);
  }

  const parsed = settingsSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems: string[] = [];
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const extra of keys) {
        const keyPath = extra === undefined ? issue.path : [...issue.path, extra];
        const label = keyPath.join('.') || '(top)';
        problems.push(`  ${where(nodeAt(doc, keyPath))}: ${label}: ${issue.message}`);
      }
    }
    throw new AppError('config.invalid', `${file} has problems:\n${problems.join('\n')}`);
  }

  const s = parsed.data;
  return {
    file,
    schedule: {
      cron: s.schedule.cron,
      timezone: s.schedule.timezone,
      catchUp: s.schedule.catch_up,
      windowMinutes: s.schedule.window_minutes,
    },
    run: {
      timeBudgetMinutes: s.run.time_budget_minutes,
      lockStaleMinutes: s.run.lock_stale_minutes,
    },
    genesys: {
      requestsPerMinute: s.genesys.requests_per_minute,
      concurrency: s.genesys.concurrency,
      timeoutSeconds: s.genesys.timeout_seconds,
    },
    portal: { host: s.portal.host, port: s.portal.port, secureCookies: s.portal.secure_cookies },
  };
}

/** Start offset of the deepest node on `keyPath` that exists (the key itself when it is a key). */
function nodeAt(doc: ReturnType<typeof parseDocument>, keyPath: PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const key of keyPath) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isNode(item.key) && String(item.key.toJSON()) === key);
    if (!pair) break;
    offset = isNode(pair.key) ? pair.key.range?.[0] : offset;
    node = pair.value;
  }
  return offset;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
