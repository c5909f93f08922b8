import { isDeepStrictEqual } from 'node:util';
import { capabilitiesOf } from '../connector/capabilities.js';
import type { Connector } from '../connector/contract.js';
import { runConnectorCli } from './connector-cli.js';

/** What {@link capabilitiesProblems} checks. */
export interface CapabilitiesCheck {
  /** The connector package's directory; its bin (`dist/main.js`) is built. */
  packageDir: string;
  /** The bin's name, as the report names the connector (e.g. `baton-acme`). */
  binary: string;
  /** Env holding every credential the connector requires. */
  credentials: Record<string, string>;
  /** The connector as `create()` builds it: what the report must describe. */
  connector: Connector;
}

/** JSON's view of a value: what a report parsed from the CLI's output can equal. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * Runs a built connector CLI's `capabilities` as an operator does before any credentials exist,
 * and again with them, and returns what is wrong: a failed run, output that depends on the
 * credentials, or a report that differs from the connector's own metadata, capabilities and
 * resource types. An empty list means all of it holds.
 */
export async function capabilitiesProblems(check: CapabilitiesCheck): Promise<string[]> {
  const bare = await runConnectorCli(check.packageDir, ['capabilities']);
  if (bare.code !== 0 || bare.stderr !== '') return [`capabilities without credentials exited ${bare.code}: ${bare.stderr}`];
  const withCredentials = await runConnectorCli(check.packageDir, ['capabilities'], { env: check.credentials });
  const problems: string[] = [];
  if (withCredentials.code !== 0) problems.push(`capabilities with credentials exited ${withCredentials.code}: ${withCredentials.stderr}`);
  if (bare.stdout !== withCredentials.stdout) problems.push('capabilities prints something else once credentials are given');
  const report = JSON.parse(bare.stdout) as Record<string, unknown>;
  const expected: Record<string, unknown> = {
    connector: check.binary,
    metadata: check.connector.metadata,
    capabilities: capabilitiesOf(check.connector),
    resourceTypes: check.connector.resourceSyncers.map((syncer) => syncer.resourceType),
  };
  for (const [key, value] of Object.entries(expected)) {
    if (!isDeepStrictEqual(report[key], asJson(value)))
      problems.push(`${key} differs from the connector's: ${JSON.stringify(report[key])}`);
  }
  return problems;
}
