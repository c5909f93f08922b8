import { redactSecrets } from '../../log/index.js';
import { isConnectorError } from '../../errors/index.js';
import type { Command } from '../context.js';
import { operationContext, withConnector } from '../connector-factory.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';

/**
 * `validate`: checks the config (exit 2 when it is wrong) and the credentials (exit 1 when the
 * API refuses them), printing each check the connector's `validate()` made.
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the config and credentials against the API',
  needsConnectorConfig: true,
  run: (ctx) =>
    withConnector(ctx, async (connector) => {
      try {
        const checks = await connector.validate(operationContext(ctx));
        if (ctx.format === 'json') {
          await ctx.stdout.line(toJson({ ok: true, checks }, 2));
        } else {
          for (const check of checks) await ctx.stdout.line(`✓ ${check.name}${check.detail ? `: ${check.detail}` : ''}`);
          await ctx.stdout.line(`${connector.metadata.displayName}: configuration and credentials are valid`);
        }
        return EXIT_CODES.ok;
      } catch (error) {
        if (!isConnectorError(error)) throw error;
        const message = redactSecrets(error.message);
        if (ctx.format === 'json') {
          await ctx.stdout.line(toJson({ ok: false, error: { code: error.code, message } }, 2));
        } else {
          await ctx.stdout.line(`✗ ${message}`);
        }
        return EXIT_CODES.failed;
      }
    }),
};
