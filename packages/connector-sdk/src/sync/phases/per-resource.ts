import type { OperationContext, Page } from '../../connector/contract.js';
import { isConnectorError } from '../../errors/connector-error.js';
import { resourceKey } from '../../model/ids.js';
import type { Entitlement, Grant, Resource } from '../../model/types.js';
import { skipsEntitlements, skipsGrants } from '../checks.js';
import { fitEntitlement, fitGrant } from '../baton-limits.js';
import { PageGuard } from '../page-guard.js';
import { screenPage } from '../screen.js';
import type { RunContext } from '../run-context.js';
import { resetTypePosition } from '../state.js';

/** What the per-resource phases list. */
export type PerResourceKind = 'entitlements' | 'grants';

/** Lists one page of a resource's entitlements or grants. */
type ListPage = (resource: Resource, pageToken: string, ctx: OperationContext) => Promise<Page<Entitlement | Grant>>;

/**
 * Lists entitlements or grants of every stored resource of every synced type, `run.workers`
 * resources at a time. Resources are visited in store order; the checkpoint holds how many are
 * done and the next page token of those part-way through.
 */
export async function syncPerResource(run: RunContext, kind: PerResourceKind): Promise<void> {
  const { state } = run;
  const skips = kind === 'entitlements' ? skipsEntitlements : skipsGrants;
  run.startPhase(kind);
  for (; state.typeIndex < run.types.length; state.typeIndex++, resetTypePosition(state)) {
    const type = run.types[state.typeIndex]!;
    const syncer = run.syncer(type.id);
    const list: ListPage | undefined =
      kind === 'entitlements'
        ? syncer.entitlements && ((resource, pageToken, ctx) => syncer.entitlements!(resource, { pageToken, ctx }))
        : syncer.grants && ((resource, pageToken, ctx) => syncer.grants!(resource, { pageToken, ctx }));
    if (!list || skips(type.annotations)) continue;
    run.setResourceType(type.id);
    await forEachStoredResource(run, type.id, async (resource, position, signal) => {
      if (skips(resource.annotations)) return;
      await listAll(run, kind, resource, position, list, signal);
    });
  }
}

async function listAll(
  run: RunContext,
  kind: PerResourceKind,
  resource: Resource,
  position: number,
  list: ListPage,
  signal: AbortSignal,
): Promise<void> {
  const { state } = run;
  const key = String(position);
  const what = `list ${kind} of ${resourceKey(resource.id)}`;
  const ctx: OperationContext = { ...run.ctx, signal };
  let pageToken = state.partial[key] ?? '';
  const guard = new PageGuard(what);
  try {
    do {
      signal.throwIfAborted();
      const given = pageToken;
      const { page, endpoints } = await run.callPage(what, () => list(resource, given, ctx), signal);
      run.throwIfAborted();
      pageToken = guard.next(
        given,
        page.nextPageToken,
        page.items.map((item) => item.id),
      );
      if (kind === 'entitlements')
        run.writer.putEntitlements(screenPage(run, what, page.items as Entitlement[], fitEntitlement, endpoints));
      else run.writer.putGrants(screenPage(run, what, page.items as Grant[], fitGrant, endpoints));
      if (pageToken === '') delete state.partial[key];
      else state.partial[key] = pageToken;
      run.countPage(page.items.length);
      run.maybeCheckpoint();
    } while (pageToken !== '');
    state.completedActions++;
  } catch (error) {
    if (run.signal.aborted || !isConnectorError(error, 'not-found')) throw error;
    delete state.partial[key];
    state.completedActions++;
    run.warning(`${what} failed with not-found; skipped`, { resource: resourceKey(resource.id), error: error.message });
  }
}

/**
 * Runs `task` on each stored resource of a type from the checkpoint's cursor, with at most
 * `run.workers` tasks at a time. The cursor only moves past resources whose task finished.
 * The first failure stops the other tasks too (through the signal they get), so it surfaces
 * without waiting for their retries; their unfinished resources are redone on resume.
 */
async function forEachStoredResource(
  run: RunContext,
  resourceTypeId: string,
  task: (resource: Resource, position: number, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const { state } = run;
  const reader = run.storedResources(resourceTypeId, state.cursor);
  const finished = new Set<number>();
  const stop = new AbortController();
  const stopWithSync = (): void => stop.abort(run.signal.reason);
  run.signal.addEventListener('abort', stopWithSync, { once: true });
  let nextPosition = state.cursor;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !stop.signal.aborted) {
      const row = reader.next();
      if (row.done) return;
      const resource = row.value;
      const position = nextPosition++;
      try {
        await task(resource, position, stop.signal);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
        return;
      }
      finished.add(position);
      while (finished.delete(state.cursor)) state.cursor++;
    }
  };
  try {
    await Promise.all(Array.from({ length: run.workers }, worker));
  } finally {
    run.signal.removeEventListener('abort', stopWithSync);
    reader.close();
  }
  run.throwIfAborted();
  if (failure) throw failure.error;
}
