import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TERMINAL_ATTACK } from '../testing/hostile-server.js';
import { createLogger } from './create-logger.js';
import { plainText } from './plain-text.js';

/** Control characters a terminal acts on: C0 except newline and tab, DEL, C1. */
// eslint-disable-next-line no-control-regex -- these are the characters to find
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function logged(format: 'json' | 'console'): string {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const logger = createLogger({ level: 'info', format, stream, colour: false });
  logger.warn(`user renamed to ${TERMINAL_ATTACK}`, { name: TERMINAL_ATTACK, nested: { title: TERMINAL_ATTACK } });
  return Buffer.concat(chunks).toString('utf8');
}

describe('text from APIs on a terminal', () => {
  it('removes escape sequences whole and drops other control characters, keeping newlines and tabs', () => {
    expect(plainText(`a${TERMINAL_ATTACK}b`)).toBe('async OKb');
    expect(plainText('line one\nline\ttwo\r')).toBe('line one\nline\ttwo');
    expect(plainText('admin\u202egnp.exe')).toBe('admingnp.exe');
  });

  it('keeps console and JSON log lines free of raw control characters, JSON still meaning the same', () => {
    expect(logged('console')).not.toMatch(CONTROL);
    const json = logged('json');
    expect(json.trimEnd()).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toMatchObject({ name: TERMINAL_ATTACK, nested: { title: TERMINAL_ATTACK } });
  });
});
