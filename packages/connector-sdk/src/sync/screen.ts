import type { Entitlement, Grant, Resource } from '../model/types.js';
import { recordName, type LimitFindings } from './baton-limits.js';
import type { RunContext } from './run-context.js';

/**
 * Fits one page's objects to Baton's limits (see `fitResource`) before they are stored: each
 * fixed object is a warning in the log naming the listing and the record, and each object that
 * cannot be written (an id over the limit) is left out with a warning that counts toward the
 * sync's warnings budget. Returns the objects to store.
 */
export function screenPage<T extends Resource | Entitlement | Grant>(
  run: RunContext,
  what: string,
  items: readonly T[],
  fit: (item: T, findings: LimitFindings) => T,
): T[] {
  const kept: T[] = [];
  for (const item of items) {
    const findings: LimitFindings = { fixed: [] };
    const fitted = fit(item, findings);
    if (findings.skip !== undefined) {
      const record = recordName(item);
      run.warning(`${what}: skipped ${record}: ${findings.skip}, Baton's limit`, { listing: what, record });
      continue;
    }
    if (findings.fixed.length > 0) {
      const record = recordName(item);
      run.logger.warn(`${what}: ${record} fitted to Baton's limits: ${findings.fixed.join('; ')}`, { listing: what, record });
    }
    kept.push(fitted);
  }
  return kept;
}
