import { annotation, findAnnotation } from '../../model/annotations.js';
import { grant as buildGrant } from '../../model/builders.js';
import { ConnectorError } from '../../errors/connector-error.js';
import { grantId, resourceKey, sameResourceId } from '../../model/ids.js';
import type { Entitlement, Grant, ResourceId } from '../../model/types.js';
import type { RunContext } from '../run-context.js';
import { EntitlementGraph, type EdgeRule } from './entitlement-graph.js';

/** Longest chain of expansions followed; a longer one fails the sync (Baton's default graph depth). */
export const MAX_EXPANSION_DEPTH = 20;
/** Grants walked between two yields to the event loop. */
const YIELD_EVERY = 1000;

/**
 * Grant expansion, as baton-sdk v0.25 does it. A grant of E to principal P carrying
 * `GrantExpandable{entitlementIds: [S...]}` (each S an entitlement on P) means everyone holding S
 * also holds E. The engine builds the graph of such edges and collapses every cycle into one
 * node whose internal edges are dropped (Baton's rule: nothing flows between the members of a
 * cycle, only into and out of it). It then walks the nodes sources first, writing derived grants
 * `<E>:<principalType>:<principalId>` whose `sources` name the entitlements they came from; a
 * source is direct when the holder's own grant on it was direct. A chain of more than
 * {@link MAX_EXPANSION_DEPTH} nodes fails the sync, as it fails Baton's.
 * Restarting it is safe: every write is an idempotent merge.
 */
export async function expandGrants(run: RunContext): Promise<void> {
  run.startPhase('expansion');
  run.writer.flush();
  const { graph, targets } = buildGraph(run);
  const components = graph.components().map((members) => [...members].sort());
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((member) => componentOf.set(member, i)));
  const incoming = condensedEdges(graph, componentOf);
  const depth = new Array<number>(components.length).fill(0);
  for (const [i, members] of components.entries()) {
    const edges = incoming.get(i) ?? new Map<number, EdgeRule>();
    for (const from of edges.keys()) depth[i] = Math.max(depth[i]!, depth[from]! + 1);
    if (depth[i]! > MAX_EXPANSION_DEPTH) {
      throw new ConnectorError(
        `grant expansion is more than ${MAX_EXPANSION_DEPTH} levels deep (at ${members.join(', ')}); Baton fails such a sync too: shorten the chain of nested grants`,
        { code: 'failed-precondition' },
      );
    }
    for (const [from, rule] of [...edges].sort(([a], [b]) => a - b)) {
      for (const source of components[from]!) {
        for (const destination of members) await propagate(run, source, targets.get(destination)!, rule);
      }
    }
  }
  run.state.completedActions++;
}

/**
 * The edges between the collapsed nodes, by destination then source component. Parallel edges
 * merge as Baton merges them: any deep edge makes the pair deep, any unfiltered edge makes it
 * unfiltered, otherwise the resource type filters are united. Edges inside a node are dropped.
 */
function condensedEdges(graph: EntitlementGraph, componentOf: Map<string, number>): Map<number, Map<number, EdgeRule>> {
  const merged = new EntitlementGraph();
  for (const [source, out] of graph.edges) {
    for (const [destination, rule] of out) {
      const from = componentOf.get(source)!;
      const to = componentOf.get(destination)!;
      if (from !== to) merged.addEdge(String(from), String(to), rule);
    }
  }
  const incoming = new Map<number, Map<number, EdgeRule>>();
  for (const [from, out] of merged.edges) {
    for (const [to, rule] of out) {
      let list = incoming.get(Number(to));
      if (!list) incoming.set(Number(to), (list = new Map()));
      list.set(Number(from), rule);
    }
  }
  return incoming;
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
      graph.addEdge(sourceId, expandable.entitlement.id, { shallow: rule.shallow ?? false, resourceTypeIds: rule.resourceTypeIds ?? [] });
      if (!targets.has(expandable.entitlement.id)) {
        targets.set(expandable.entitlement.id, run.store.entitlement(run.syncId, expandable.entitlement.id) ?? expandable.entitlement);
      }
    }
  }
  return { graph, targets };
}

/**
 * Whether a holder's grant of `sourceId` counts as direct for Baton: it has no sources, or its
 * sources name the entitlement itself (whatever they say about it).
 */
function heldDirectly(held: Grant, sourceId: string): boolean {
  const sources = held.sources;
  return !sources || Object.keys(sources).length === 0 || sources[sourceId] !== undefined;
}

/** The grants of `target` a principal already has: pending in the writer or in the store. */
function grantsOfPrincipal(run: RunContext, target: Entitlement, principal: ResourceId): Grant[] {
  const pending = run.writer.pendingGrant(grantId(target.id, principal));
  if (pending) return [pending];
  return [...run.store.grants({ syncId: run.syncId, entitlementId: target.id, principalId: principal })];
}

/**
 * Merges one source into an existing grant as Baton does: a grant without sources first gains
 * itself as a direct source; a new source is added, an indirect one upgraded when this holder's
 * grant is direct. Returns the updated grant, or undefined when nothing changed.
 */
function mergeSource(existing: Grant, sourceId: string, direct: boolean): Grant | undefined {
  const sources = { ...existing.sources };
  let changed = false;
  if (Object.keys(sources).length === 0) {
    sources[existing.entitlement.id] = { isDirect: true };
    changed = true;
  }
  const known = sources[sourceId];
  if (!known || (direct && !known.isDirect)) {
    sources[sourceId] = { isDirect: direct };
    changed = true;
  }
  return changed ? { ...existing, sources } : undefined;
}

/** Gives `target` to the holders of `sourceId` the rule lets through. */
async function propagate(run: RunContext, sourceId: string, target: Entitlement, rule: EdgeRule): Promise<void> {
  run.writer.flush();
  const { syncId, store, writer, state } = run;
  const holders = store.grants({ syncId, entitlementId: sourceId });
  /** Grants of `target` by principal, as written during this walk. */
  const written = new Map<string, Grant[]>();
  let seen = 0;
  try {
    for (const held of holders) {
      // Let signals and timers run during long walks.
      if (++seen % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (rule.resourceTypeIds.length > 0 && !rule.resourceTypeIds.includes(held.principal.id.resourceType)) continue;
      const direct = heldDirectly(held, sourceId);
      if (rule.shallow && !direct) continue;
      const key = resourceKey(held.principal.id);
      const existing = written.get(key) ?? grantsOfPrincipal(run, target, held.principal.id);
      if (existing.length === 0) {
        const created = buildGrant({
          entitlement: target,
          principal: held.principal,
          sources: { [sourceId]: { isDirect: direct } },
          annotations: [annotation('c1.connector.v2.GrantImmutable', {})],
        });
        writer.putGrants([created]);
        written.set(key, [created]);
        state.expandedGrants++;
      } else {
        const updated = existing.map((grant) => mergeSource(grant, sourceId, direct) ?? grant);
        const changed = updated.filter((grant, i) => grant !== existing[i]);
        written.set(key, updated);
        if (changed.length === 0) continue;
        writer.putGrants(changed);
      }
      run.countObjects(1);
      run.maybeCheckpoint();
      run.throwIfAborted();
    }
  } finally {
    holders.return?.();
  }
}
