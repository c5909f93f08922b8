import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { createLogger, type LoggerOptions } from './create-logger.js';
import { clearSecretsForTesting, registerSecret } from './secrets.js';

const FIXED = new Date('2025-03-04T05:06:07.089Z');

/** A logger writing into an array of lines. */
function capture(options: Omit<LoggerOptions, 'stream'> = {}, isTTY = false) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  Object.assign(stream, { isTTY });
  const logger = createLogger({ now: () => FIXED, ...options, stream });
  const json = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, json };
}

afterEach(() => clearSecretsForTesting());

describe('createLogger levels', () => {
  it('writes info and above by default', () => {
    const { logger, json } = capture();
    logger.debug('hidden');
    logger.info('shown');
    logger.warn('warned');
    logger.error('failed');
    expect(json().map((line) => line.level)).toEqual(['info', 'warn', 'error']);
  });

  it('honours --log-level', () => {
    const debug = capture({ level: 'debug' });
    debug.logger.debug('detail');
    expect(debug.json()).toHaveLength(1);
    const error = capture({ level: 'error' });
    error.logger.warn('quiet');
    error.logger.error('loud');
    expect(error.json().map((line) => line.msg)).toEqual(['loud']);
  });
});

describe('createLogger formats', () => {
  it('writes JSON lines with time, level, msg and fields', () => {
    const { logger, json } = capture({ fields: { connector: 'ilert' } });
    logger.child({ syncId: 'abc' }).info('page listed', { resourceType: 'user', count: 50, msg: 'clash' });
    expect(json()).toEqual([
      {
        time: '2025-03-04T05:06:07.089Z',
        level: 'info',
        msg: 'page listed',
        connector: 'ilert',
        syncId: 'abc',
        resourceType: 'user',
        count: 50,
        'field.msg': 'clash',
      },
    ]);
  });

  it('writes readable console lines without colour when not on a TTY', () => {
    const { logger, lines } = capture({ format: 'console' });
    logger.warn('rate limited', { service: 'ilert', waitMs: 1500, note: 'two words', detail: { a: 1 } });
    expect(lines).toEqual(['2025-03-04T05:06:07.089Z WARN  rate limited service=ilert waitMs=1500 note="two words" detail={"a":1}']);
  });

  it('colours console lines on a TTY', () => {
    const { logger, lines } = capture({ format: 'console' }, true);
    logger.error('boom');
    expect(lines[0]).toContain('\u001b[31mERROR\u001b[0m');
  });
});

describe('createLogger redaction', () => {
  it('redacts a registered secret in the message and in nested fields', () => {
    registerSecret('tok-1234567890');
    const { logger, lines } = capture();
    logger.info('calling with tok-1234567890', {
      request: { url: 'https://x.test/?k=tok-1234567890', tries: [{ note: 'tok-1234567890' }] },
    });
    expect(lines[0]).not.toContain('tok-1234567890');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'calling with [REDACTED]',
      request: { url: 'https://x.test/?k=[REDACTED]', tries: [{ note: '[REDACTED]' }] },
    });
  });

  it('redacts an Authorization header and credential-named fields at any depth', () => {
    const { logger, json } = capture();
    logger.debug('ignored');
    logger.info('request', {
      headers: { Authorization: 'Token token=abc', 'X-Api-Key': 'k', accept: 'application/json' },
      response: { headers: new Headers({ 'set-cookie': 'session=1', 'content-type': 'text/plain' }) },
      body: { client_secret: 'cs', password: 'pw', refreshToken: 'rt', nextPageToken: '2' },
    });
    expect(json()[0]).toMatchObject({
      headers: { Authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]', accept: 'application/json' },
      response: { headers: { 'set-cookie': '[REDACTED]', 'content-type': 'text/plain' } },
      body: { client_secret: '[REDACTED]', password: '[REDACTED]', refreshToken: '[REDACTED]', nextPageToken: '2' },
    });
  });

  it('serialises errors as name, message and code, redacted', () => {
    registerSecret('sk-live-abcdef');
    const { logger, json } = capture();
    const error = new ConnectorError('ilert rejected sk-live-abcdef (401)', {
      code: 'unauthenticated',
      status: 401,
      endpoint: 'GET /users',
    });
    logger.error('sync failed', { error });
    expect(json()[0]?.error).toEqual({
      name: 'ConnectorError',
      message: 'ilert rejected [REDACTED] (401)',
      code: 'unauthenticated',
      status: 401,
      endpoint: 'GET /users',
    });
  });

  it('redacts in console format too', () => {
    registerSecret('console-secret');
    const { logger, lines } = capture({ format: 'console' });
    logger.info('token console-secret', { authorization: 'Bearer abcdefghijklmnop', text: 'sent Bearer abcdefghijklmnop' });
    expect(lines[0]).toBe('2025-03-04T05:06:07.089Z INFO  token [REDACTED] authorization=[REDACTED] text="sent Bearer [REDACTED]"');
  });
});
