import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';
export type LogFormat = 'pretty' | 'json';

/**
 * Logs go to standard error so that standard output stays free for `--json` summaries. A
 * terminal gets readable lines; anything else (systemd, containers, files) gets one JSON object
 * per line. Fields that could hold a secret are censored wherever they appear.
 */
export function createLogger(options: { level: string; format?: LogFormat }): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const base = {
    level: options.level,
    base: { service: 'handover' },
    redact: {
      paths: [
        'clientSecret',
        '*.clientSecret',
        'secret',
        '*.secret',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'authorization',
        '*.authorization',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') {
    // In-process and synchronous: a CLI that exits right after a run must not lose lines.
    const stream = pretty({
      destination: 2,
      sync: true,
      singleLine: true,
      ignore: 'service,pid,hostname',
    });
    return pino(base, stream);
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}
