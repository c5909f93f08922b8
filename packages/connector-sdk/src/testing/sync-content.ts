import { openC1zReader } from '../c1z/index.js';

/** A sync's objects as sorted JSON strings: two syncs with the same content compare equal. */
export interface SyncContent {
  resources: string[];
  entitlements: string[];
  grants: string[];
}

/**
 * Reads every resource, entitlement and grant of the latest finished sync in the c1z `file` as
 * JSON, each list sorted, so a test can compare two runs with `toEqual`. Throws when the file
 * holds no finished sync.
 */
export async function readLatestSyncContent(file: string): Promise<SyncContent> {
  const reader = await openC1zReader(file);
  try {
    const syncId = reader.latestFinishedSync()?.syncId;
    if (syncId === undefined) throw new Error(`${file} holds no finished sync`);
    const sorted = (items: Iterable<unknown>): string[] => [...items].map((item) => JSON.stringify(item)).sort();
    return {
      resources: sorted(reader.resources({ syncId })),
      entitlements: sorted(reader.entitlements({ syncId })),
      grants: sorted(reader.grants({ syncId })),
    };
  } finally {
    reader.close();
  }
}
