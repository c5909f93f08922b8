import { capabilitiesOf } from '../../connector/index.js';
import type { Command } from '../context.js';
import { withConnector } from '../connector-factory.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';
import { COMMAND_SUMMARIES } from '../command-summaries.js';

/** `capabilities`: what the connector can do and the resource types it syncs, as JSON. */
export const capabilitiesCommand: Command = {
  name: 'capabilities',
  summary: COMMAND_SUMMARIES.capabilities,
  usesConnector: true,
  run: (ctx) =>
    withConnector(ctx, async (connector) => {
      const report = {
        connector: ctx.binary,
        version: ctx.definition.version,
        metadata: connector.metadata,
        capabilities: capabilitiesOf(connector),
        resourceTypes: connector.resourceSyncers.map((syncer) => syncer.resourceType),
      };
      await ctx.stdout.line(toJson(report, 2));
      return EXIT_CODES.ok;
    }),
};
