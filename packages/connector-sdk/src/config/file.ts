import { readFileSync, statSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { ConnectorError } from '../errors/connector-error.js';

/** The largest config file read (a config holds a few dozen settings; certificates fit easily). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** The most keys a config file may hold; YAML parsing time grows with the square of the keys. */
export const MAX_CONFIG_FILE_KEYS = 1000;

/**
 * Reads a YAML config file whose keys are flag names (`ilert-api-token` or `ilert_api_token`).
 * An empty file is an empty config. Throws a ConnectorError `invalid-argument` when the file
 * cannot be read, is over {@link MAX_CONFIG_FILE_BYTES} or {@link MAX_CONFIG_FILE_KEYS}, or is
 * not a YAML mapping; the message never quotes the file's content, and the parser prints nothing.
 */
export function loadConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    if (statSync(path).size > MAX_CONFIG_FILE_BYTES) throw tooLarge(path, `over ${MAX_CONFIG_FILE_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConnectorError(`config file ${path} ${reason} (--config / BATON_CONFIG_PATH)`, {
      code: 'invalid-argument',
    });
  }
  let document: unknown;
  try {
    // The failsafe schema keeps every scalar as written (`0123` stays "0123", not 123), so a
    // token that looks like a number is not changed; fields convert strings themselves.
    if (keyLines(text) > MAX_CONFIG_FILE_KEYS) throw tooLarge(path, `more than ${MAX_CONFIG_FILE_KEYS} keys`);
    document = parse(text, { schema: 'failsafe', logLevel: 'error' }); // errors throw; warnings (which quote the line) are never printed
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError(`config file ${path} is not valid YAML${describeYamlError(error)}`, {
      code: 'invalid-argument',
    });
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConnectorError(`config file ${path} must be a mapping of flag names to values`, {
      code: 'invalid-argument',
    });
  }
  return withoutNulls(document as Record<string, unknown>);
}

/** YAML's spellings of null, which the failsafe schema leaves as text. */
const YAML_NULLS = new Set(['~', 'null', 'Null', 'NULL']);

/** Drops keys whose value is YAML null (`key:`, `key: ~`, `key: null`): they mean "not set". */
function withoutNulls(mapping: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(mapping).filter(([, value]) => !(typeof value === 'string' && YAML_NULLS.has(value))),
  );
}

/** Where the YAML error is, without the snippet of content the parser would quote. */
function describeYamlError(error: unknown): string {
  if (!(error instanceof YAMLParseError)) return '';
  const position = error.linePos?.[0];
  const where = position ? `line ${position.line}, column ${position.col}: ` : '';
  return ` (${where}${error.code.toLowerCase().replace(/_/g, ' ')})`;
}

/** Lines that look like a mapping key (`name:` at any indentation): an upper bound on the keys. */
function keyLines(text: string): number {
  return text.match(/^[ \t-]*[^\s#:][^:\n]*:(?:[ \t]|$)/gm)?.length ?? 0;
}

function tooLarge(path: string, what: string): ConnectorError {
  return new ConnectorError(`config file ${path} is too large (${what}); a config holds the flags' values only (--config / BATON_CONFIG_PATH)`, {
    code: 'invalid-argument',
  });
}
