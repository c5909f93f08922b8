/**
 * The V8 flags a process running big syncs should start with (`node ...flags`, or a single-file
 * binary's exec arguments; Node does not take them from `NODE_OPTIONS`). They do not cap the
 * heap: a tenant of any size still gets all the memory it needs. `--optimize-for-size` (known
 * to every supported Node line) keeps the garbage of a sync from growing the heap: the young
 * generation, where a page's objects live and die, stays at 1 MiB a half, and after each full
 * collection the old generation grows in small steps, so objects promoted while their page was
 * in flight are collected before they add up.
 *
 * With it a sync of a million grants peaks within a fifth of the RSS of one of ten thousand,
 * and runs no slower (see the SDK's `bench/compare.mjs`, which runs every measured process with
 * exactly these flags).
 */
export const SYNC_NODE_FLAGS: readonly string[] = ['--optimize-for-size'];
