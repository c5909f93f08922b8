/**
 * Every command of a `baton-<name>` binary with its one line for `--help`, in the order `--help`
 * lists them. The commands take their summaries from here, so `--help` can be printed without
 * loading any command.
 */
export const COMMAND_SUMMARIES = {
  sync: 'sync into --file (the default when no command is given)',
  validate: 'check the config and credentials against the API',
  capabilities: 'print what the connector can do, as JSON',
  config: 'print the JSON schema of the settings (needs no credentials)',
  resources: 'list the resources in --file (filter: --resource-type)',
  entitlements: 'list the entitlements in --file (filters: --resource-type, --resource)',
  grants: 'list the grants in --file (filters: --entitlement, --resource, --principal)',
  stats: 'count the objects of the latest sync in --file',
  diff: 'show what changed between the last two full syncs in --file',
  export: 'write everything of the latest sync in --file to stdout (--format json|csv)',
} as const satisfies Record<string, string>;

/** The name of a command of a `baton-<name>` binary. */
export type CommandName = keyof typeof COMMAND_SUMMARIES;
