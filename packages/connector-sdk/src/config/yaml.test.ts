import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlInTurns } from './yaml.js';

const LIMIT = { maxValues: 10_000 };

describe('parseYamlInTurns', () => {
  it('reads what yaml.parse reads with the failsafe schema', async () => {
    const text = 'log-level: debug\nworkers: 08\nsync-resource-types: [user, team]\nnote: |\n  two\n  lines\nempty:\n';
    expect(await parseYamlInTurns(text, LIMIT)).toEqual({ ok: true, value: parse(text, { schema: 'failsafe' }) });
    expect(await parseYamlInTurns('# only a comment\n', LIMIT)).toEqual({ ok: true, value: null });
  });

  it('returns the first error with its line and column, and refuses a second document', async () => {
    const broken = await parseYamlInTurns('a: 1\n  b: [\n', LIMIT);
    expect(broken).toMatchObject({ ok: false, line: expect.any(Number), column: expect.any(Number) });
    const two = await parseYamlInTurns('a: 1\n---\nb: 2\n', LIMIT);
    expect(two.ok === false && 'error' in two && two.error.code).toBe('MULTIPLE_DOCS');
  });

  it('gives up before building a document with more values than allowed', async () => {
    expect(await parseYamlInTurns('a: [1, 2, 3]\nb: 4\n', { maxValues: 3 })).toEqual({ ok: false, tooManyValues: true });
  });

  it('lets the event loop run while it parses, and stops when the signal aborts', async () => {
    const text = Array.from({ length: 900 }, (_, i) => `k${i}: [${Array.from({ length: 10 }, (_, j) => `v${j}`).join(', ')}]`).join('\n');
    const controller = new AbortController();
    let turns = 0;
    const ticking = setInterval(() => {
      turns++;
      controller.abort('SIGTERM');
    }, 0);
    await expect(parseYamlInTurns(text, { ...LIMIT, signal: controller.signal })).rejects.toBe('SIGTERM');
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(0);
  });
});
