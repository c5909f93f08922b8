/** The environment variable that names the directory native addons are extracted into. */
export const NATIVE_CACHE_ENV = 'C1_NATIVE_CACHE_DIR';

/** The SEA asset that lists the embedded native addons (JSON array of {@link AddonIndexEntry}). */
export const ADDON_INDEX_ASSET = 'c1-native-addons.json';

/** One embedded native addon: its SEA asset key and the sha256 of its bytes. */
export interface AddonIndexEntry {
  /** Asset key and cache file stem: the npm package name (`better-sqlite3`). */
  name: string;
  /** Hex sha256 of the `.node` file. */
  sha256: string;
}
