/**
 * The V8 flags a process running big syncs should start with (`node ...flags`, `NODE_OPTIONS`,
 * or a single-file binary's exec arguments). Neither caps the heap: a tenant of any size still
 * gets all the memory it needs. They keep the garbage of a sync from growing the heap:
 *
 * - `--max-semi-space-size=2`: the young generation, where a page's objects live and die, stays
 *   at 2 MiB a half instead of growing to tens of MiB over a long sync.
 * - `--heap-growing-percent=50`: after a full collection the old generation may grow by half its
 *   live size before the next one, not by up to four times it, so objects promoted while their
 *   page was in flight are collected before they add up.
 *
 * With them a sync of a million grants peaks near the RSS of one of ten thousand (see the SDK's
 * `bench/compare.mjs`, which runs every measured process with exactly these flags).
 */
export const SYNC_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=50'];
