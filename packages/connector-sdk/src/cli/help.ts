import type { ConfigField, ConfigSchema } from '../config/fields.js';
import { formatHelp } from '../config/help.js';
import { envName } from '../config/names.js';
import type { ConnectorIdentity } from '../connector/identity.js';
import { CLI_CONFIG } from './cli-fields.js';
import type { Command } from './context.js';

/** The `--help` text: commands, connector flags, standard flags, then the commands' own flags. */
export function helpText(
  definition: Pick<ConnectorIdentity, 'name' | 'version'>,
  binary: string,
  schema: ConfigSchema,
  commands: readonly Pick<Command, 'name' | 'summary'>[],
): string {
  const cliNames = new Set(Object.keys(CLI_CONFIG.fields));
  const settings: ConfigSchema = {
    ...schema,
    fields: Object.fromEntries(Object.entries(schema.fields).filter(([name]) => !cliNames.has(name))),
  };
  const main = formatHelp({
    binary,
    description: `${binary} ${definition.version}: syncs ${definition.name} identities and access into a c1z file.`,
    schema: settings,
    commands: commands.map(({ name, summary }) => ({ name, summary })),
  });
  const cliFields: Record<string, ConfigField> = CLI_CONFIG.fields;
  const rows = Object.entries(cliFields).map(([name, field]) => {
    const choices = field.type === 'string' && field.choices ? ` ${field.choices.join('|')}` : '';
    const facts = [
      field.flagOnly ? undefined : `env ${envName(name)}`,
      field.default === undefined ? undefined : `default ${JSON.stringify(field.default)}`,
    ].filter((fact) => fact !== undefined);
    return { flag: `    --${name}${field.placeholder ? ` ${field.placeholder}` : choices}`, lines: [field.description, facts.join(', ')] };
  });
  const width = Math.max(...rows.map((row) => row.flag.length));
  const extra = [
    'Command flags:',
    ...rows.flatMap((row) =>
      row.lines.filter((line) => line !== '').map((line, index) => `  ${(index === 0 ? row.flag : '').padEnd(width)}  ${line}`),
    ),
    '',
    'Inspect commands print tables on a terminal and JSON when stdout is piped; --output overrides.',
    'Exit codes: 0 success, 1 the job failed, 2 bad usage or config, 130/143 interrupted (SIGINT/SIGTERM).',
  ];
  return `${main}\n${extra.join('\n')}\n`;
}
