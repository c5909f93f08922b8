import * as v from 'valibot';
import type { BooleanField, ConfigField, IntegerField, StringField, StringListField } from './fields.js';

/** Where a raw value came from, for problem messages. */
export interface ValueSource {
  kind: 'flag' | 'env' | 'file' | 'default';
  /** `--workers`, `BATON_WORKERS`, `config file key "workers"`, `default`. */
  label: string;
}

/** A typed field value. */
export type FieldValue = string | boolean | number | readonly string[];

/** The outcome of reading one raw value as a field's type. */
export type ParsedValue = { ok: true; value: FieldValue } | { ok: false; problem: string };

const TRUE_WORDS = ['true', '1', 'yes'] as const;
const FALSE_WORDS = ['false', '0', 'no'] as const;

const booleanText = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist([...TRUE_WORDS, ...FALSE_WORDS], 'must be true or false (or 1/0, yes/no)'),
  v.transform((word) => (TRUE_WORDS as readonly string[]).includes(word)),
);

const integerText = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[+-]?\d+$/, 'must be an integer'),
  v.transform(Number),
  v.safeInteger('must be an integer'),
);

const integerNumber = v.pipe(v.number(), v.safeInteger('must be an integer'));

/** Whether a raw value counts as not given (absent, or an empty string). */
export function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Reads a raw value (flag text, env text, YAML value or default) as the field's type and checks
 * it against the field's choices, range and `check`. Messages follow the flag name
 * (`must be one of ...`) and quote the value only when the field is not secret.
 */
export function parseFieldValue(field: ConfigField, raw: unknown, source: ValueSource): ParsedValue {
  const got = describeSource(field, raw, source);
  const fail = (problem: string): ParsedValue => ({ ok: false, problem: `${problem} ${got}` });
  switch (field.type) {
    case 'string':
      return parseString(field, raw, fail);
    case 'boolean':
      return parseBoolean(field, raw, fail);
    case 'integer':
      return parseInteger(field, raw, fail);
    case 'string-list':
      return parseStringList(field, raw, source, fail);
  }
}

type Fail = (problem: string) => ParsedValue;

function parseString(field: StringField, raw: unknown, fail: Fail): ParsedValue {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return fail(Array.isArray(raw) ? 'takes a single value' : 'must be a string');
  }
  const value = String(raw).trim();
  if (field.choices && !field.choices.includes(value)) {
    return fail(`must be one of ${field.choices.join(', ')}`);
  }
  if (field.check) {
    let problem: string | undefined;
    try {
      problem = field.check(value);
    } catch {
      problem = 'could not be checked';
    }
    if (problem !== undefined) return fail(problem);
  }
  return { ok: true, value };
}

function parseBoolean(_field: BooleanField, raw: unknown, fail: Fail): ParsedValue {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 1 || raw === 0) return { ok: true, value: raw === 1 };
  const parsed = v.safeParse(booleanText, raw);
  if (parsed.success) return { ok: true, value: parsed.output };
  return fail(typeof raw === 'string' ? firstMessage(parsed.issues) : 'must be true or false');
}

function parseInteger(field: IntegerField, raw: unknown, fail: Fail): ParsedValue {
  const parsed = typeof raw === 'number' ? v.safeParse(integerNumber, raw) : v.safeParse(integerText, raw);
  if (!parsed.success) return fail('must be an integer');
  const value = parsed.output;
  if (value < field.min || value > field.max) return fail(`must be between ${field.min} and ${field.max}`);
  return { ok: true, value };
}

function parseStringList(_field: StringListField, raw: unknown, source: ValueSource, fail: Fail): ParsedValue {
  if (typeof raw === 'string') return { ok: true, value: splitList(raw) };
  if (Array.isArray(raw)) {
    const items: string[] = [];
    for (const item of raw as unknown[]) {
      if (typeof item !== 'string' && typeof item !== 'number') return fail('must be a list of strings');
      // Flag occurrences may each hold a comma-separated list; file and default items are whole.
      if (source.kind === 'flag') items.push(...splitList(String(item)));
      else items.push(String(item).trim());
    }
    return { ok: true, value: items.filter((item) => item !== '') };
  }
  return fail('must be a list of strings');
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function firstMessage(issues: readonly { message: string }[]): string {
  return issues[0]?.message ?? 'is not valid';
}

function describeSource(field: ConfigField, raw: unknown, source: ValueSource): string {
  const from = source.kind === 'default' ? 'the default' : source.label;
  if (field.secret || (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')) {
    return `(from ${from})`;
  }
  // A URL's user info may hold a password: never echo it.
  const text = String(raw).replace(/\/\/[^/@\s]*@/g, '//[REDACTED]@');
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `(got ${JSON.stringify(shown)} from ${from})`;
}
