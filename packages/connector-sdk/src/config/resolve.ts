import { registerSecret } from '../log/secrets.js';
import type { FlagValues } from './argv.js';
import type { ConfigField, ConfigSchema, ConfigValues } from './fields.js';
import { closestName, fieldEnvName, fieldHint, fileKeyToFlag } from './names.js';
import type { ConfigProblem } from './problems.js';
import { isBlank, parseFieldValue, type FieldValue, type ValueSource } from './values.js';

/** Where {@link resolveConfig} reads values from, highest precedence first. */
export interface ConfigSources {
  /** From {@link parseArgv} (or built by code). */
  flags: FlagValues;
  /** Usually `process.env`. */
  env: Record<string, string | undefined>;
  /** From {@link loadConfigFile}, when a config file is used. */
  file?: Record<string, unknown>;
}

/** How {@link resolveConfig} treats the schema's fields. */
export interface ResolveOptions {
  /**
   * Fields to leave out: neither required nor checked, and absent from the values (their flags,
   * env vars and file keys are still known, and secrets among them are still registered). A
   * command that never builds the connector passes the connector's own fields here.
   */
  skip?: Iterable<string>;
}

/** The outcome of {@link resolveConfig}: typed values, or every problem found. */
export type ResolvedConfig<S extends ConfigSchema> = { ok: true; values: ConfigValues<S> } | { ok: false; problems: ConfigProblem[] };

interface Candidate {
  raw: unknown;
  source: ValueSource;
}

/**
 * Resolves every field of `schema` with precedence flag > env > file > default, validates the
 * values and the schema's relationships, and reports every problem at once. Every secret
 * field's value (from any source) is registered with `registerSecret` before anything else.
 */
export function resolveConfig<S extends ConfigSchema>(schema: S, sources: ConfigSources, options: ResolveOptions = {}): ResolvedConfig<S> {
  const problems: ConfigProblem[] = [];
  const skipped = new Set(options.skip);
  const fields: Readonly<Record<string, ConfigField>> = schema.fields;
  const fileValues = readFileKeys(fields, sources.file ?? {}, problems);
  for (const name of Object.keys(sources.flags)) {
    if (!fields[name]) problems.push({ message: `unknown flag --${name}` });
  }

  const values: Record<string, FieldValue> = {};
  const explicit = new Set<string>();
  for (const [name, field] of Object.entries(fields)) {
    const candidates = candidatesFor(name, field, sources, fileValues);
    if (field.secret) candidates.forEach((candidate) => registerSecretValue(candidate.raw));
    if (skipped.has(name)) continue;
    const chosen = candidates.find((candidate) => !isBlank(candidate.raw));
    if (!chosen) {
      if (field.required) problems.push({ field: name, message: `${fieldHint(name, field)} is required` });
      else if (field.type === 'boolean') values[name] = false;
      continue;
    }
    const parsed = parseFieldValue(field, chosen.raw, chosen.source);
    if (!parsed.ok) {
      problems.push({ field: name, message: `${fieldHint(name, field)} ${parsed.problem}` });
    } else {
      values[name] = parsed.value;
    }
    if (chosen.source.kind !== 'default' && isSetValue(parsed.ok ? parsed.value : chosen.raw)) explicit.add(name);
  }

  problems.push(...checkRelationships(schema, explicit, skipped));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, values: values as ConfigValues<S> };
}

function candidatesFor(name: string, field: ConfigField, sources: ConfigSources, fileValues: ReadonlyMap<string, Candidate>): Candidate[] {
  const candidates: Candidate[] = [];
  if (Object.hasOwn(sources.flags, name)) {
    candidates.push({ raw: sources.flags[name], source: { kind: 'flag', label: `--${name}` } });
  }
  const env = fieldEnvName(name, field);
  const fromEnv = env === undefined ? undefined : sources.env[env];
  if (env !== undefined && fromEnv !== undefined) candidates.push({ raw: fromEnv, source: { kind: 'env', label: env } });
  const fromFile = fileValues.get(name);
  if (fromFile) candidates.push(fromFile);
  if (field.default !== undefined) {
    candidates.push({ raw: field.default, source: { kind: 'default', label: 'default' } });
  }
  return candidates;
}

/** Maps config-file keys (`foo-bar` or `foo_bar`) to fields, reporting unknown and repeated keys. */
function readFileKeys(
  fields: Readonly<Record<string, ConfigField>>,
  file: Readonly<Record<string, unknown>>,
  problems: ConfigProblem[],
): Map<string, Candidate> {
  const found = new Map<string, Candidate>();
  const settable = Object.keys(fields).filter((name) => !fields[name]?.flagOnly);
  for (const [key, raw] of Object.entries(file)) {
    const name = fileKeyToFlag(key);
    const field = fields[name];
    if (!field) {
      const suggestion = closestName(name, settable);
      const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
      problems.push({ message: `unknown key "${key}" in the config file${hint}` });
      continue;
    }
    if (field.flagOnly) {
      problems.push({ field: name, message: `--${name} cannot be set in the config file (key "${key}")` });
      continue;
    }
    const previous = found.get(name);
    if (previous) {
      problems.push({
        field: name,
        message: `${fieldHint(name, field)} is set twice in the config file (${previous.source.label} and key "${key}")`,
      });
      continue;
    }
    found.set(name, { raw, source: { kind: 'file', label: `config file key "${key}"` } });
  }
  return found;
}

function registerSecretValue(raw: unknown): void {
  if (typeof raw === 'string' || typeof raw === 'number') registerSecret(String(raw));
  else if (Array.isArray(raw)) (raw as unknown[]).forEach(registerSecretValue);
}

/** Whether an explicitly given value counts as "set" for relationships (false and [] do not). */
function isSetValue(value: unknown): boolean {
  if (value === false || value === 'false') return false;
  return !(Array.isArray(value) && value.length === 0);
}

function checkRelationships(schema: ConfigSchema, explicit: ReadonlySet<string>, skipped: ReadonlySet<string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const hint = (name: string): string => fieldHint(name, schema.fields[name]);
  for (const group of schema.requiredTogether ?? []) {
    if (group.some((name) => skipped.has(name))) continue;
    const given = group.filter((name) => explicit.has(name));
    if (given.length === 0 || given.length === group.length) continue;
    const givenFlags = joinWords(given.map((name) => `--${name}`));
    for (const name of group.filter((member) => !explicit.has(member))) {
      problems.push({ field: name, message: `${hint(name)} is required together with ${givenFlags}` });
    }
  }
  for (const group of schema.mutuallyExclusive ?? []) {
    if (group.flat().some((name) => skipped.has(name))) continue;
    const given = group.flatMap((member) => {
      const names = typeof member === 'string' ? [member] : member;
      const first = names.find((name) => explicit.has(name));
      return first === undefined ? [] : [first];
    });
    if (given.length < 2) continue;
    problems.push({ field: given[0], message: `${joinWords(given.map(hint))} cannot be used together` });
  }
  return problems;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
