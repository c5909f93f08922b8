import { describe, expect, it } from 'vitest';
import { csvRecord } from './csv.js';
import { formatDuration } from './format.js';
import { chooseOutputFormat, TextOutput, writeJsonArray } from './output.js';
import { createProgressReporter, describeProgress } from './progress.js';
import { writeTable } from './table.js';
import { MemoryStream } from './test-connector.test-support.js';
import { recordingLogger } from '../testing/recording-logger.js';

describe('tables', () => {
  it('aligns columns to the widest cell and leaves no trailing spaces', async () => {
    const stream = new MemoryStream();
    const rows = [
      ['user', '1', 'Ada'],
      ['team', '901', 'Platform engineering'],
    ];
    const count = await writeTable(
      new TextOutput(stream),
      [
        { header: 'TYPE', cell: (row: string[]) => row[0] ?? '' },
        { header: 'ID', cell: (row: string[]) => row[1] ?? '' },
        { header: 'NAME', cell: (row: string[]) => row[2] ?? '' },
      ],
      rows,
    );
    expect(count).toBe(2);
    expect(stream.text).toBe(['TYPE  ID   NAME', 'user  1    Ada', 'team  901  Platform engineering', ''].join('\n'));
  });

  it('cuts long cells and flattens line breaks', async () => {
    const stream = new MemoryStream();
    await writeTable(new TextOutput(stream), [{ header: 'A', cell: (row: string) => row }], ['x'.repeat(10), 'a\nb'], { maxCellWidth: 5 });
    expect(stream.text).toBe('A\nxxxx…\na b\n');
  });

  it('prints the empty message when there are no rows', async () => {
    const stream = new MemoryStream();
    await writeTable(new TextOutput(stream), [{ header: 'A', cell: (row: string) => row }], [], { emptyMessage: 'none' });
    expect(stream.text).toBe('none\n');
  });
});

describe('JSON and CSV', () => {
  it('streams a JSON array that parses, with dates as ISO strings', async () => {
    const stream = new MemoryStream();
    await writeJsonArray(new TextOutput(stream), [{ at: new Date(0) }, { n: 2n }]);
    expect(JSON.parse(stream.text)).toEqual([{ at: '1970-01-01T00:00:00.000Z' }, { n: '2' }]);
    const empty = new MemoryStream();
    await writeJsonArray(new TextOutput(empty), []);
    expect(JSON.parse(empty.text)).toEqual([]);
  });

  it('quotes CSV fields that need it', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'x\ny', undefined, 3])).toBe('a,"b,c","say ""hi""","x\ny",,3\r\n');
  });

  it('prints tables on a terminal and JSON into a pipe unless --output says otherwise', () => {
    expect(chooseOutputFormat(undefined, new MemoryStream(true))).toBe('table');
    expect(chooseOutputFormat(undefined, new MemoryStream(false))).toBe('json');
    expect(chooseOutputFormat('json', new MemoryStream(true))).toBe('json');
    expect(chooseOutputFormat('table', new MemoryStream(false))).toBe('table');
  });
});

describe('progress', () => {
  it('redraws one line on a terminal and clears it at the end', () => {
    const stderr = new MemoryStream(true);
    let now = 0;
    const progress = createProgressReporter({ stderr, logger: recordingLogger(), now: () => now });
    progress.update({ phase: 'resources', pages: 1, objects: 100, resourceTypeId: 'user' });
    now += 10;
    progress.update({ phase: 'resources', pages: 2, objects: 200, resourceTypeId: 'user' });
    now += 500;
    progress.update({ phase: 'grants', pages: 3, objects: 1500, waitingMs: 2000, resourceTypeId: 'team' });
    progress.done();
    const frames = stderr.text.split('\r\x1b[2K').filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toBe('syncing grants · team · 3 pages · 1,500 objects · waiting 2.0s to retry · 510ms');
    expect(stderr.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('clears the terminal line before a log line and redraws it after', () => {
    const stderr = new MemoryStream(true);
    const progress = createProgressReporter({ stderr, logger: recordingLogger(), now: () => 0 });
    const logger = progress.around({ ...recordingLogger(), warn: (message) => stderr.write(`${message}\n`) });
    progress.update({ phase: 'resources', pages: 1, objects: 1 });
    logger.warn('slow down');
    progress.update({ phase: 'resources', pages: 2, objects: 2 });
    expect(stderr.text).toBe(
      '\r\x1b[2Ksyncing resources · 1 pages · 1 objects · 0ms\r\x1b[2Kslow down\n\r\x1b[2Ksyncing resources · 2 pages · 2 objects · 0ms',
    );
  });

  it('logs throttled progress lines when stderr is not a terminal', () => {
    const logger = recordingLogger();
    let now = 0;
    const progress = createProgressReporter({ stderr: new MemoryStream(false), logger, now: () => now });
    for (let i = 0; i < 10; i++) {
      progress.update({ phase: 'resources', pages: i, objects: i * 10 });
      now += 500;
    }
    expect(logger.linesAt('info').map((line) => line.fields['pages'])).toEqual([0, 4, 8]);
  });

  it('describes phases, counts and durations for people', () => {
    expect(describeProgress({ phase: 'entitlements', pages: 1234, objects: 5 }, 65_000)).toBe(
      'syncing entitlements · 1,234 pages · 5 objects · 1m05s',
    );
    expect(formatDuration(3_725_000)).toBe('1h02m');
  });
});
