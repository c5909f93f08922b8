import { declaredCapabilities } from '../../connector/index.js';
import type { Command } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';

/**
 * `capabilities`: what the connector can do and the resource types it syncs, as JSON. Read from
 * the package's declaration, so it needs no credentials and never builds the connector.
 */
export const capabilitiesCommand: Command = {
  name: 'capabilities',
  summary: 'print what the connector can do, as JSON',
  needsConnectorConfig: false,
  async run(ctx) {
    const { declaration } = ctx.definition;
    const report = {
      connector: ctx.binary,
      version: ctx.definition.version,
      metadata: declaration.metadata,
      capabilities: declaredCapabilities(declaration),
      resourceTypes: declaration.resourceTypes.map((declared) => declared.resourceType),
    };
    await ctx.stdout.line(toJson(report, 2));
    return EXIT_CODES.ok;
  },
};
