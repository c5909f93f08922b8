import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SDK_PACKAGE } from './connectors.js';

/**
 * The Node options the connector's own SDK starts its bins with (`SYNC_NODE_FLAGS` from
 * `@c1/connector-sdk/bin`, resolved from the connector's directory), so the executable runs its
 * syncs as the npm bin does. An SDK too old to declare them gives none.
 */
export async function sdkNodeFlags(connectorDir: string): Promise<readonly string[]> {
  const require = createRequire(join(connectorDir, 'package.json'));
  const sdkDir = dirname(require.resolve(`${SDK_PACKAGE}/package.json`));
  const bin = (await import(pathToFileURL(join(sdkDir, 'dist', 'bin.js')).href)) as { SYNC_NODE_FLAGS?: readonly string[] };
  return bin.SYNC_NODE_FLAGS ?? [];
}
