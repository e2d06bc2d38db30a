import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { parseSettings } from './settings.js';

function problems(text: string): string {
  try {
    parseSettings(text, 'handover.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseSettings', () => {
  it('fills in defaults for an empty file', () => {
    const settings = parseSettings('', 'handover.yaml');
    expect(settings.schedule).toEqual({
      cron: '0 2 * * *',
      timezone: 'UTC',
      catchUp: true,
      windowMinutes: 0,
    });
    expect(settings.genesys.requestsPerMinute).toBe(300);
    expect(settings.portal.host).toBe('127.0.0.1');
  });

  it('names the line and key of an unknown key', () => {
    const message = problems('schedule:\n  cron: "0 3 * * *"\n  timezon: UTC\n');
    expect(message).toContain('handover.yaml:3:3: schedule.timezon');
  });

  it('reports every problem at once', () => {
    const message = problems(
      'schedule:\n  cron: "not a cron"\n  timezone: Mars/Olympus\ngenesys:\n  concurrency: 0\n',
    );
    expect(message).toContain('handover.yaml:2:3: schedule.cron: not a valid cron expression');
    expect(message).toContain('handover.yaml:3:3: schedule.timezone: not an IANA time zone');
    expect(message).toContain('handover.yaml:5:3: genesys.concurrency');
  });

  it('points at the position of a YAML syntax error', () => {
    expect(problems('schedule:\n  cron: [unclosed\n')).toMatch(/handover\.yaml:\d+:\d+/);
  });
});
