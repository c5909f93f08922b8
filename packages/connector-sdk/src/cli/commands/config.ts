import { configJsonSchema } from '../../config/index.js';
import type { ConfigSchema } from '../../config/index.js';
import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';

/** `config`: the JSON schema of every setting; needs no credentials. */
export function configCommand(schema: ConfigSchema): Command {
  return {
    name: 'config',
    summary: 'print the JSON schema of the settings (needs no credentials)',
    needsConnectorConfig: false,
    async run(ctx) {
      await ctx.stdout.line(toJson(configJsonSchema(schema, { title: ctx.binary }), 2));
      return EXIT_CODES.ok;
    },
  };
}
