import type { Entitlement, Grant, Resource } from '../model/types.js';
import { recordName, type LimitFindings } from './baton-limits.js';
import type { RunContext } from './run-context.js';

/**
 * Fits one page's objects to Baton's limits (see `fitResource`) before they are stored: each
 * fixed object is a warning in the log naming the listing, the endpoints the page came from
 * (`endpoints`, e.g. `GET /users`, when it came over the runtime's HTTP client) and the record,
 * and each object that cannot be written (an id over the limit) is left out with a warning that
 * counts toward the sync's warnings budget. Returns the objects to store.
 */
export function screenPage<T extends Resource | Entitlement | Grant>(
  run: RunContext,
  what: string,
  items: readonly T[],
  fit: (item: T, findings: LimitFindings) => T,
  endpoints?: string,
): T[] {
  const kept: T[] = [];
  const source = endpoints === undefined ? what : `${what} (${endpoints})`;
  const sourceFields = endpoints === undefined ? { listing: what } : { listing: what, endpoint: endpoints };
  // One findings object serves every item that fits as it is (nearly all); an item with
  // findings gets a fresh one for the item after it.
  let findings: LimitFindings = { fixed: [] };
  for (const item of items) {
    const fitted = fit(item, findings);
    if (findings.skip === undefined && findings.fixed.length === 0) {
      kept.push(fitted);
      continue;
    }
    const record = recordName(item);
    if (findings.skip !== undefined) {
      run.warning(`${source}: skipped ${record}: ${findings.skip}, Baton's limit`, { ...sourceFields, record });
    } else {
      run.logger.warn(`${source}: ${record} fitted to Baton's limits: ${findings.fixed.join('; ')}`, { ...sourceFields, record });
      kept.push(fitted);
    }
    findings = { fixed: [] };
  }
  return kept;
}
