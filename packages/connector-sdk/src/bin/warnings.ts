/** The features whose experimental notices the CLI hides: the store relies on them by design. */
const HIDDEN_FEATURES = /^(SQLite|Zstd|zstd)\b/;

/**
 * Whether a `process.emitWarning(warning, typeOrOptions)` call is Node's experimental notice for
 * the built-in SQLite or zstd (e.g. "SQLite is an experimental feature and might change at any
 * time", type ExperimentalWarning); nothing else matches.
 */
export function isBuiltinExperimentalNotice(warning: string | Error, typeOrOptions: unknown): boolean {
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : typeof typeOrOptions === 'object' && typeOrOptions !== null
        ? (typeOrOptions as { type?: unknown }).type
        : warning instanceof Error
          ? warning.name
          : undefined;
  if (type !== 'ExperimentalWarning') return false;
  const message = typeof warning === 'string' ? warning : warning.message;
  return HIDDEN_FEATURES.test(message);
}
