import { entitlement } from '../../model/builders.js';
import { skipsEntitlements } from '../checks.js';
import { fitEntitlement } from '../baton-limits.js';
import { PageGuard } from '../page-guard.js';
import { screenPage } from '../screen.js';
import type { RunContext } from '../run-context.js';
import { resetTypePosition } from '../state.js';

/**
 * Lists each type's static entitlements page by page and stamps every page onto every stored
 * resource of the type (id `<type>:<id>:<slug>`). The position is the page token and the
 * number of resources already stamped with that page.
 */
export async function syncStaticEntitlements(run: RunContext): Promise<void> {
  const { state } = run;
  run.startPhase('static-entitlements');
  for (; state.typeIndex < run.types.length; state.typeIndex++, resetTypePosition(state)) {
    const type = run.types[state.typeIndex]!;
    const syncer = run.syncer(type.id);
    const list = syncer.staticEntitlements?.bind(syncer);
    if (!list || skipsEntitlements(type.annotations)) continue;
    run.setResourceType(type.id);
    const what = `list static entitlements of type ${type.id}`;
    const guard = new PageGuard(what);
    do {
      const pageToken = state.pageToken;
      const { page, endpoints } = await run.callPage(what, () => list({ pageToken, ctx: run.ctx }));
      run.throwIfAborted();
      const next = guard.next(
        pageToken,
        page.nextPageToken,
        page.items.map((init) => init.slug),
      );
      run.countPage(0);
      const reader = run.storedResources(type.id, state.cursor);
      try {
        for (let row = reader.next(); !row.done; row = reader.next()) {
          const resource = row.value;
          if (!skipsEntitlements(resource.annotations)) {
            run.writer.putEntitlements(
              screenPage(
                run,
                what,
                page.items.map((init) => entitlement({ ...init, resource })),
                fitEntitlement,
                endpoints,
              ),
            );
            run.countObjects(page.items.length);
          }
          state.cursor++;
          run.maybeCheckpoint();
        }
      } finally {
        reader.close();
      }
      state.pageToken = next;
      state.cursor = 0;
      state.completedActions++;
    } while (state.pageToken !== '');
  }
}
