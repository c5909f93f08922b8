import { ConnectorError } from '../../errors/connector-error.js';
import { findAnnotations } from '../../model/annotations.js';
import { resourceKey } from '../../model/ids.js';
import type { Resource } from '../../model/types.js';
import { checkResource } from '../checks.js';
import { fitResource } from '../baton-limits.js';
import { PageGuard } from '../page-guard.js';
import { screenPage } from '../screen.js';
import type { RunContext } from '../run-context.js';
import type { ListFrame } from '../state.js';

/** Deepest resource hierarchy followed through `ChildResourceType` annotations. */
const MAX_HIERARCHY_DEPTH = 32;

/** One stored page and the child listings its resources ask for. */
interface StoredPage {
  nextPageToken: string;
  children: { parent: Resource; typeId: string }[];
}

/** Stores the resource types being synced. */
export function syncResourceTypes(run: RunContext): void {
  run.startPhase('resource-types');
  run.store.putResourceTypes(run.syncId, run.types);
  run.state.completedActions++;
  run.countPage(run.types.length);
}

/**
 * Lists every synced type's resources page by page. After a page is stored, the children its
 * resources declare (`ChildResourceType`) are listed before the next page, so the checkpoint
 * only ever holds the stack of listings in progress.
 */
export async function syncResources(run: RunContext): Promise<void> {
  const { state } = run;
  run.startPhase('resources');
  for (; state.typeIndex < run.types.length; state.typeIndex++, state.frames = []) {
    const type = run.types[state.typeIndex]!;
    run.setResourceType(type.id);
    if (state.frames.length === 0) state.frames.push({ typeId: type.id, pageToken: '' });
    await drainListings(run, state.frames);
  }
}

async function drainListings(run: RunContext, frames: ListFrame[]): Promise<void> {
  const pages: (StoredPage | undefined)[] = [];
  const guards = new WeakMap<ListFrame, PageGuard>();
  while (frames.length > 0) {
    const depth = frames.length - 1;
    const frame = frames[depth]!;
    let page = pages[depth];
    if (!page) {
      page = await fetchPage(run, frame, guards);
      pages[depth] = page;
      frame.childIndex ??= 0;
      run.maybeCheckpoint();
    }
    const childIndex = frame.childIndex ?? 0;
    const child = page.children[childIndex];
    if (child) {
      if (frames.length >= MAX_HIERARCHY_DEPTH) {
        throw new ConnectorError(`resource hierarchy deeper than ${MAX_HIERARCHY_DEPTH} levels under ${resourceKey(child.parent.id)}`, {
          code: 'internal',
        });
      }
      frames.push({ typeId: child.typeId, parentId: child.parent.id, pageToken: '' });
      continue;
    }
    pages.length = depth;
    if (page.nextPageToken !== '') {
      frame.pageToken = page.nextPageToken;
      delete frame.childIndex;
    } else {
      frames.pop();
      run.state.completedActions++;
      const parent = frames[frames.length - 1];
      if (parent) parent.childIndex = (parent.childIndex ?? 0) + 1;
    }
    run.maybeCheckpoint();
  }
}

async function fetchPage(run: RunContext, frame: ListFrame, guards: WeakMap<ListFrame, PageGuard>): Promise<StoredPage> {
  const syncer = run.syncer(frame.typeId);
  const what = frame.parentId ? `list ${frame.typeId} resources of ${resourceKey(frame.parentId)}` : `list ${frame.typeId} resources`;
  const request = { pageToken: frame.pageToken, ctx: run.ctx, ...(frame.parentId && { parentId: frame.parentId }) };
  const { page, endpoints } = await run.callPage(what, () => syncer.list(request));
  run.throwIfAborted();
  let guard = guards.get(frame);
  if (!guard) guards.set(frame, (guard = new PageGuard(what)));
  const next = guard.next(
    frame.pageToken,
    page.nextPageToken,
    page.items.map((resource) => resourceKey(resource.id)),
  );
  const children: StoredPage['children'] = [];
  const items = screenPage(run, what, page.items, fitResource, endpoints);
  for (const resource of items) {
    checkResource(syncer.resourceType, resource);
    for (const { resourceTypeId } of findAnnotations(resource.annotations, 'c1.connector.v2.ChildResourceType')) {
      if (!run.syncers.has(resourceTypeId)) {
        if (run.connectorTypeIds.has(resourceTypeId)) continue;
        throw new ConnectorError(
          `resource ${resourceKey(resource.id)} declares child resource type "${resourceTypeId}", which the connector does not sync`,
          { code: 'internal' },
        );
      }
      children.push({ parent: resource, typeId: resourceTypeId });
    }
  }
  run.writer.putResources(items);
  run.countPage(items.length);
  return { nextPageToken: next, children };
}
