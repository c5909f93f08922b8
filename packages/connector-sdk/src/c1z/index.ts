export type * from './store-types.js';
export { diffSyncs, type ObjectDiff, type SyncDiff } from './diff.js';
export { newKsuid } from './ksuid.js';
export { openC1zReader, openSyncStore, type SyncStoreOptions } from './open.js';
export { C1zFormatError } from './container.js';
export {
  decodeEntitlement,
  decodeGrant,
  decodeResource,
  decodeResourceType,
  encodeEntitlement,
  encodeGrant,
  encodeResource,
  encodeResourceType,
} from './proto/objects-codec.js';
