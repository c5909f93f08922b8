import type { ParsedArgv } from '../config/argv.js';
import type { ConfigSchema } from '../config/fields.js';
import type { ConnectorIdentity } from '../connector/identity.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { helpText } from './help.js';

const COMMAND_LIST = Object.entries(COMMAND_SUMMARIES).map(([name, summary]) => ({ name, summary }));

/**
 * What `--help` (or the `help` command) and `--version` print for a parsed command line, or
 * undefined when it asks for anything else. Needs only the connector's identity and the full
 * schema, so a bin answers both before loading the connector or the rest of the CLI.
 */
export function staticAnswer(identity: ConnectorIdentity, schema: ConfigSchema, parsed: ParsedArgv): string | undefined {
  const binary = `baton-${identity.name}`;
  if (parsed.flags['help'] === true || parsed.positionals[0] === 'help') return helpText(identity, binary, schema, COMMAND_LIST);
  if (parsed.flags['version'] === true) return `${binary} ${identity.version}\n`;
  return undefined;
}
