import { isConnectorError } from '../errors/connector-error.js';
import type { ValidationCheck } from './contract.js';

/** One read a connector's `validate` makes to prove its credentials, e.g. listing one user. */
export interface ValidationProbe {
  /** What it proves, as the `validate` command prints it: `list users`. */
  name: string;
  /** Makes the request; resolves with a detail to print (`1234 users`), or nothing. */
  run(): Promise<string | void>;
}

/**
 * Runs probes in order and returns the checks they passed. The first failure is rethrown with
 * `cannot <name>: ` in front of its message (every other fact kept), so the operator learns
 * which check failed and why.
 */
export async function runValidationProbes(probes: readonly ValidationProbe[]): Promise<ValidationCheck[]> {
  const checks: ValidationCheck[] = [];
  for (const probe of probes) {
    let detail: string | void;
    try {
      detail = await probe.run();
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      throw error.withMessage(`cannot ${probe.name}: ${error.message}`);
    }
    checks.push(detail ? { name: probe.name, detail } : { name: probe.name });
  }
  return checks;
}
