/**
 * @c1/connector-sdk/c1z: read and write c1z sync files: the reader used by tests and tools, the
 * sync store, diffs, ids and the protobuf codecs of the stored objects.
 * @packageDocumentation
 */
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
