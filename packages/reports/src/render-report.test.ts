import { describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from './columns.js';
import { neutraliseCell } from './neutralise-cell.js';
import { renderReport } from './render-report.js';
import { item, parseCsv } from './test-helpers.js';

const HEADER =
  'run_id,run_mode,leaver_id,leaver_name,leaver_email,leaver_state,rule,recipient_type,' +
  'recipient_id,recipient_name,message_id,message_created,caller_name,caller_address,' +
  'duration_seconds,outcome,detail,forwarded_at';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+15550100', "'+15550100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('prefixes %j with a quote', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each(['', 'Ana', ' =1', "'already", 'a=b', '2026-12-01T10:00:00.000Z'])(
    'leaves %j alone',
    (input) => {
      expect(neutraliseCell(input)).toBe(input);
    },
  );
});

describe('renderReport', () => {
  it('starts with a BOM and the header in the required order, rows ending in CRLF', () => {
    const text = renderReport([item()]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      HEADER,
      '20261203T020000Z-7f3a,live,u-left,Léa Départ,lea@example.com,inactive,default,user,' +
        'u-boss,Boss,m-1,2026-12-01T10:00:00.000Z,Caller,tel:5550100,12,forwarded,,' +
        '2026-12-03T02:00:01.000Z',
      '',
    ]);
    expect(REPORT_COLUMNS.join(',')).toBe(HEADER);
  });

  it('writes only the header for a run without items', () => {
    expect(renderReport([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('quotes per RFC 4180 and survives a round trip through a strict parser', () => {
    const nasty = item({
      callerName: 'O"Brien, "Jr"',
      leaverName: 'Zoë Ñúñez 山田',
      detail: 'line one\nline two\r\nline three\rend',
      recipientType: '',
      recipientId: '',
      recipientName: '',
      durationSeconds: null,
      outcome: 'no_recipient',
      forwardedAt: '',
    });
    const text = renderReport([nasty]);
    expect(text).toContain('"O""Brien, ""Jr"""');
    expect(text).toContain('"line one\nline two\r\nline three\rend"');

    const rows = parseCsv(text.slice(1)) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      nasty.runId,
      'live',
      'u-left',
      'Zoë Ñúñez 山田',
      'lea@example.com',
      'inactive',
      'default',
      '',
      '',
      '',
      'm-1',
      '2026-12-01T10:00:00.000Z',
      'O"Brien, "Jr"',
      'tel:5550100',
      '',
      'no_recipient',
      'line one\nline two\r\nline three\rend',
      '',
    ]);
  });

  it('is checked by a reader that rejects what csv-stringify gets wrong by default', () => {
    expect(() => parseCsv('a\nb,c\r\n')).toThrow(/LF in an unquoted field/);
    expect(() => parseCsv('a,b')).toThrow(/CRLF/);
  });

  it('neutralises formula cells wherever an attacker can reach, then quotes as needed', () => {
    const text = renderReport([
      item({ callerName: '=cmd|"/C calc"!A0', callerAddress: '+15550100' }),
      item({ callerName: '@SUM(1+1)', detail: '-1', leaverName: '\tTab' }),
      item({ callerName: '\r=1+1' }),
    ]);
    const rows = parseCsv(text.slice(1)) as string[][];
    const caller = REPORT_COLUMNS.indexOf('caller_name');
    expect(rows.slice(1).map((row) => row[caller])).toEqual([
      `'=cmd|"/C calc"!A0`,
      "'@SUM(1+1)",
      "'\r=1+1",
    ]);
    expect(rows[1]?.[REPORT_COLUMNS.indexOf('caller_address')]).toBe("'+15550100");
    expect(rows[2]?.[REPORT_COLUMNS.indexOf('detail')]).toBe("'-1");
    expect(rows[2]?.[REPORT_COLUMNS.indexOf('leaver_name')]).toBe("'\tTab");
    // No cell of any data row begins with a formula character once parsed.
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
