import type { ConfigField, ConfigSchema } from './fields.js';
import { closestName, fieldHint } from './names.js';
import type { ConfigProblem } from './problems.js';

/** A value as given on the command line (or by code calling {@link resolveConfig}). */
export type FlagValue = string | number | boolean | readonly string[];

/**
 * Flag values by flag name, before validation. Booleans are `true`/`false` (or the text after
 * `=`), list flags collect every occurrence, other flags keep their last occurrence.
 */
export type FlagValues = Record<string, FlagValue>;

/** What {@link parseArgv} found on the command line. */
export interface ParsedArgv {
  flags: FlagValues;
  /** Arguments that are not flags (commands such as `validate`), in order. */
  positionals: string[];
  /** Unknown flags and flags missing their value. */
  problems: ConfigProblem[];
}

/**
 * Splits a command line into flags and positionals. Flags may come before or after the
 * positionals; `--` ends the flags. Accepts `--foo-bar value`, `--foo-bar=value`, `-f value`,
 * `-fvalue`, grouped short switches (`-ph`), `--flag`/`--no-flag`/`--flag=false` for booleans.
 * Values are checked later by {@link resolveConfig}; here only the syntax is.
 */
export function parseArgv(schema: ConfigSchema, argv: readonly string[]): ParsedArgv {
  const parser = new ArgvParser(schema);
  for (let index = 0; index < argv.length; index++) {
    index = parser.take(argv, index);
  }
  return { flags: parser.flags, positionals: parser.positionals, problems: parser.problems };
}

class ArgvParser {
  readonly flags: FlagValues = {};
  readonly positionals: string[] = [];
  readonly problems: ConfigProblem[] = [];
  private readonly fields: Readonly<Record<string, ConfigField>>;
  private readonly shortNames = new Map<string, string>();
  private flagsEnded = false;

  constructor(schema: ConfigSchema) {
    this.fields = schema.fields;
    for (const [name, field] of Object.entries(schema.fields)) {
      if (field.short) this.shortNames.set(field.short, name);
    }
  }

  /** Consumes the argument at `index` (and its value, if separate); returns the last index used. */
  take(argv: readonly string[], index: number): number {
    const arg = argv[index] ?? '';
    if (this.flagsEnded || arg === '-' || !arg.startsWith('-')) {
      this.positionals.push(arg);
      return index;
    }
    if (arg === '--') {
      this.flagsEnded = true;
      return index;
    }
    if (arg.startsWith('--')) return this.takeLong(argv, index, arg.slice(2));
    return this.takeShort(argv, index, arg.slice(1));
  }

  private takeLong(argv: readonly string[], index: number, body: string): number {
    const equals = body.indexOf('=');
    const name = equals === -1 ? body : body.slice(0, equals);
    const inline = equals === -1 ? undefined : body.slice(equals + 1);
    const field = this.fields[name];
    if (field) return this.assign(argv, index, name, field, inline);

    const negated = name.startsWith('no-') ? name.slice(3) : undefined;
    const negatedField = negated === undefined ? undefined : this.fields[negated];
    if (negated !== undefined && negatedField?.type === 'boolean') {
      if (inline === undefined) this.flags[negated] = false;
      else this.problems.push({ field: negated, message: `--${name} takes no value` });
      return index;
    }
    const suggestion = closestName(name, Object.keys(this.fields));
    const hint = suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`;
    this.problems.push({ message: `unknown flag --${name}${hint}` });
    // The next word is probably this flag's value; swallow it so it is never echoed as a command.
    return inline === undefined && isValueWord(argv[index + 1]) ? index + 1 : index;
  }

  private takeShort(argv: readonly string[], index: number, letters: string): number {
    for (let position = 0; position < letters.length; position++) {
      const letter = letters[position] ?? '';
      const name = this.shortNames.get(letter);
      const field = name === undefined ? undefined : this.fields[name];
      if (name === undefined || field === undefined) {
        this.problems.push({ message: `unknown flag -${letter}` });
        return index;
      }
      const rest = letters.slice(position + 1);
      if (field.type === 'boolean' && !rest.startsWith('=')) {
        this.flags[name] = true;
        continue;
      }
      const inline = rest === '' ? undefined : rest.replace(/^=/, '');
      return this.assign(argv, index, name, field, inline);
    }
    return index;
  }

  private assign(argv: readonly string[], index: number, name: string, field: ConfigField, inline: string | undefined): number {
    if (field.type === 'boolean') {
      this.flags[name] = inline ?? true;
      return index;
    }
    let value = inline;
    let last = index;
    if (value === undefined && isValueWord(argv[index + 1])) {
      value = argv[index + 1];
      last = index + 1;
    }
    if (value === undefined) {
      this.problems.push({ field: name, message: `${fieldHint(name, field)} needs a value (use --${name}=VALUE)` });
      return last;
    }
    const previous = this.flags[name];
    if (field.type === 'string-list') {
      this.flags[name] = [...(Array.isArray(previous) ? (previous as readonly string[]) : []), value];
    } else {
      this.flags[name] = value;
    }
    return last;
  }
}

/** Whether a following argument can be a flag's value (not another flag). */
function isValueWord(arg: string | undefined): arg is string {
  return arg !== undefined && (arg === '-' || !arg.startsWith('-'));
}
