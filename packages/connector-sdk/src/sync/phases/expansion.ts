import { annotation, findAnnotation } from '../../model/annotations.js';
import { grant as buildGrant } from '../../model/builders.js';
import { grantId, sameResourceId } from '../../model/ids.js';
import type { Entitlement, Grant } from '../../model/types.js';
import type { RunContext } from '../run-context.js';
import { EntitlementGraph, type EdgeRule } from './entitlement-graph.js';

/** Longest chain of expansions followed (Baton's default graph depth). */
export const MAX_EXPANSION_DEPTH = 20;
/** Grants walked between two yields to the event loop. */
const YIELD_EVERY = 1000;

/**
 * Grant expansion. A grant of E to principal P carrying `GrantExpandable{entitlementIds: [S...]}`
 * (each S an entitlement on P) means everyone holding S also holds E. The engine builds the graph
 * of such edges, collapses cycles, and walks it from the sources, writing derived grants
 * `<E>:<principalType>:<principalId>` whose `sources` name the entitlements they came from.
 * Restarting it is safe: every write is an idempotent merge.
 */
export async function expandGrants(run: RunContext): Promise<void> {
  run.startPhase('expansion');
  run.writer.flush();
  const { graph, targets } = buildGraph(run);
  const components = graph.components();
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((member) => componentOf.set(member, i)));
  const incoming = new Map<string, { source: string; rule: EdgeRule }[]>();
  for (const [source, out] of graph.edges) {
    for (const [destination, rule] of out) {
      let list = incoming.get(destination);
      if (!list) incoming.set(destination, (list = []));
      list.push({ source, rule });
    }
  }
  const depth = new Array<number>(components.length).fill(0);
  for (const [i, members] of components.entries()) {
    for (const destination of members) {
      for (const { source } of incoming.get(destination) ?? []) {
        const from = componentOf.get(source)!;
        if (from !== i) depth[i] = Math.max(depth[i]!, depth[from]! + 1);
      }
    }
    if (depth[i]! > MAX_EXPANSION_DEPTH) {
      run.logger.warn('grant expansion deeper than the limit; stopped there', {
        entitlements: members,
        maxDepth: MAX_EXPANSION_DEPTH,
      });
      continue;
    }
    const internal: { source: string; destination: string; rule: EdgeRule }[] = [];
    for (const destination of members) {
      const target = targets.get(destination)!;
      for (const { source, rule } of incoming.get(destination) ?? []) {
        if (componentOf.get(source) === i) internal.push({ source, destination, rule });
        else await propagate(run, source, target, rule);
      }
    }
    // Inside a cycle grants flow round until nothing changes.
    for (let round = 0; round < MAX_EXPANSION_DEPTH && internal.length > 0; round++) {
      let changed = false;
      for (const edge of internal) {
        if (await propagate(run, edge.source, targets.get(edge.destination)!, edge.rule)) changed = true;
      }
      if (!changed) break;
    }
  }
  run.state.completedActions++;
}

/** Reads the expandable grants into the graph, checking each source is on the grant's principal. */
function buildGraph(run: RunContext): { graph: EntitlementGraph; targets: Map<string, Entitlement> } {
  const graph = new EntitlementGraph();
  const targets = new Map<string, Entitlement>();
  for (const expandable of run.store.grants({ syncId: run.syncId, expandable: true })) {
    const rule = findAnnotation(expandable.annotations, 'c1.connector.v2.GrantExpandable');
    if (!rule) continue;
    for (const sourceId of new Set(rule.entitlementIds)) {
      const source = run.store.entitlement(run.syncId, sourceId);
      if (!source || !sameResourceId(source.resource.id, expandable.principal.id)) {
        run.logger.warn('expandable grant names an entitlement that is not on its principal; ignored', {
          grant: expandable.id,
          entitlement: sourceId,
        });
        continue;
      }
      graph.addEdge(sourceId, expandable.entitlement.id, {
        shallow: rule.shallow ?? false,
        resourceTypeIds: rule.resourceTypeIds ?? [],
      });
      if (!targets.has(expandable.entitlement.id)) {
        targets.set(
          expandable.entitlement.id,
          run.store.entitlement(run.syncId, expandable.entitlement.id) ?? expandable.entitlement,
        );
      }
    }
  }
  return { graph, targets };
}

/** Whether a grant was given directly rather than derived by expansion. */
function isDirect(held: Grant): boolean {
  const sources = held.sources;
  return !sources || Object.keys(sources).length === 0 || sources[held.entitlement.id]?.isDirect === true;
}

/** Gives `target` to the holders of `sourceId` the rule lets through; true when anything changed. */
async function propagate(run: RunContext, sourceId: string, target: Entitlement, rule: EdgeRule): Promise<boolean> {
  run.writer.flush();
  const { syncId, store, writer, state } = run;
  const holders = store.grants({ syncId, entitlementId: sourceId });
  let changed = false;
  let seen = 0;
  try {
    for (const held of holders) {
      // Let signals and timers run during long walks.
      if (++seen % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (rule.resourceTypeIds.length > 0 && !rule.resourceTypeIds.includes(held.principal.id.resourceType)) continue;
      if (rule.shallow && !isDirect(held)) continue;
      const id = grantId(target.id, held.principal.id);
      const existing = writer.pendingGrant(id) ?? store.grant(syncId, id);
      if (existing) {
        const sources = { ...existing.sources };
        if (Object.keys(sources).length === 0) sources[existing.entitlement.id] = { isDirect: true };
        if (sources[sourceId]) continue;
        sources[sourceId] = { isDirect: false };
        writer.putGrants([{ ...existing, sources }]);
      } else {
        writer.putGrants([
          buildGrant({
            entitlement: target,
            principal: held.principal,
            sources: { [sourceId]: { isDirect: false } },
            annotations: [annotation('c1.connector.v2.GrantImmutable', {})],
          }),
        ]);
        state.expandedGrants++;
      }
      changed = true;
      run.countObjects(1);
      run.maybeCheckpoint();
      run.throwIfAborted();
    }
  } finally {
    holders.return?.();
  }
  return changed;
}
