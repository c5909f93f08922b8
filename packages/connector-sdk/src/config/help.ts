import type { ConfigField, ConfigSchema } from './fields.js';
import { fieldEnvName } from './names.js';
import { SDK_CONFIG } from './sdk-config.js';

/** What {@link formatHelp} describes. */
export interface HelpOptions {
  /** The command name, e.g. `baton-ilert`. */
  binary: string;
  description?: string;
  schema: ConfigSchema;
  commands?: { name: string; summary: string }[];
}

const INDENT = '  ';
const GAP = '  ';

/**
 * The `--help` text: usage, commands, then the connector's flags and the standard flags, each
 * with its env var and default. Secrets are marked and their defaults never shown; hidden
 * fields are left out.
 */
export function formatHelp(options: HelpOptions): string {
  const { binary, description, schema, commands = [] } = options;
  const lines: string[] = [];
  if (description) lines.push(description, '');
  lines.push('Usage:', `${INDENT}${binary}${commands.length > 0 ? ' [command]' : ''} [flags]`, '');

  if (commands.length > 0) {
    const width = Math.max(...commands.map((command) => command.name.length));
    lines.push('Commands:');
    for (const command of commands) lines.push(`${INDENT}${command.name.padEnd(width)}${GAP}${command.summary}`);
    lines.push('');
  }

  const visible = Object.entries(schema.fields).filter(([, field]) => !field.hidden);
  const rows = visible.map(([name, field]) => ({ name, flag: flagColumn(name, field), details: detailLines(name, field) }));
  const width = Math.max(0, ...rows.map((row) => row.flag.length));
  const section = (title: string, selected: typeof rows): void => {
    if (selected.length === 0) return;
    lines.push(`${title}:`);
    for (const row of selected) {
      const [first = '', ...rest] = row.details;
      lines.push(`${INDENT}${row.flag.padEnd(width)}${GAP}${first}`.trimEnd());
      for (const extra of rest) lines.push(`${INDENT}${' '.repeat(width)}${GAP}${extra}`);
    }
    lines.push('');
  };
  section(
    'Flags',
    rows.filter((row) => !Object.hasOwn(SDK_CONFIG.fields, row.name)),
  );
  section(
    'Standard flags',
    rows.filter((row) => Object.hasOwn(SDK_CONFIG.fields, row.name)),
  );

  lines.push(
    'Settings can also come from their env vars or a YAML file (--config); a flag wins over',
    'its env var, the env var over the file, and the file over the default.',
  );
  return `${lines.join('\n')}\n`;
}

function flagColumn(name: string, field: ConfigField): string {
  const alias = field.short ? `-${field.short}, ` : '    ';
  return `${alias}--${name}${valueWord(field)}`;
}

function valueWord(field: ConfigField): string {
  if (field.type === 'boolean') return '';
  if (field.placeholder) return ` ${field.placeholder}`;
  if (field.type === 'string' && field.choices) return ` ${field.choices.join('|')}`;
  return field.type === 'integer' ? ' INT' : field.type === 'string-list' ? ' LIST' : ' STRING';
}

function detailLines(name: string, field: ConfigField): string[] {
  const marks = [field.required ? 'required' : '', field.secret ? 'secret' : ''].filter(Boolean);
  const first = marks.length > 0 ? `${field.description} (${marks.join(', ')})` : field.description;
  const facts: string[] = [];
  const env = fieldEnvName(name, field);
  if (env !== undefined) facts.push(`env ${env}`);
  const shownDefault = field.secret ? undefined : defaultText(field);
  if (shownDefault !== undefined) facts.push(`default ${shownDefault}`);
  if (field.type === 'integer') facts.push(`${field.min}..${field.max}`);
  return facts.length > 0 ? [first, facts.join(', ')] : [first];
}

function defaultText(field: ConfigField): string | undefined {
  if (field.default === undefined || field.default === false) return undefined;
  if (field.type === 'string-list') return field.default?.length ? field.default.join(',') : undefined;
  if (field.type === 'string') return JSON.stringify(field.default);
  return String(field.default);
}
