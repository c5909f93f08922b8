import { redactSecrets } from '../log/secrets.js';

/** One thing wrong with the configuration. `message` names the flag and its env var. */
export interface ConfigProblem {
  /** The flag name the problem is about, when it is about one field. */
  field?: string;
  message: string;
}

/**
 * Turns every problem into one operator-facing message (what the CLI prints before exiting
 * with code 2). Registered secrets are scrubbed, in case a value slipped into a message.
 */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  if (problems.length === 0) return 'configuration is valid';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${problem.message}`);
  return redactSecrets([`invalid configuration (${count}):`, ...lines].join('\n'));
}
