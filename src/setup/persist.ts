// Everything that carries state between runs through the Actions cache, behind one lazy import:
// @actions/cache and the Dockerfile parser load only for builds that use them, and once.
export { restoreLocalCache, saveLocalCache } from './local-cache.js';
export { findCacheMounts, restoreMounts, saveMounts } from './cache-mounts.js';
