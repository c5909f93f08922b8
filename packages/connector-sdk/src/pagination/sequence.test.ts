import { describe, expect, it } from 'vitest';
import type { Page } from '../connector/contract.js';
import { sequencePage } from './sequence.js';

/** A listing of `items` in pages of two, its token the next offset; records the tokens it was asked for. */
function listing(items: string[], asked: string[]) {
  return async (token: string): Promise<Page<string>> => {
    asked.push(token);
    const start = token === '' ? 0 : Number(token);
    const next = start + 2 < items.length ? String(start + 2) : undefined;
    return { items: items.slice(start, start + 2), ...(next && { nextPageToken: next }) };
  };
}

describe('sequencePage', () => {
  it('reads every page of each listing in turn, handing on without an extra request', async () => {
    const asked: string[] = [];
    const listings = [listing(['a', 'b', 'c'], asked), listing([], asked), listing(['x', 'y'], asked)];
    const pages: Page<string>[] = [];
    let token = '';
    do {
      const page = await sequencePage(token, listings);
      pages.push(page);
      token = page.nextPageToken ?? '';
    } while (token !== '');
    expect(pages.map((page) => [page.items, page.nextPageToken])).toEqual([
      [['a', 'b'], '0:2'],
      [['c'], '1:'],
      [[], '2:'],
      [['x', 'y'], undefined],
    ]);
    expect(asked).toEqual(['', '2', '', '']);
  });

  it('refuses a token that names no listing', async () => {
    await expect(sequencePage('5:', [listing([], [])])).rejects.toThrow(/page token corrupt/);
    await expect(sequencePage('nonsense', [listing([], [])])).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});
