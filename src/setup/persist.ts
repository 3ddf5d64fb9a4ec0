// Everything that carries state between runs through the Actions cache, behind one lazy import:
// @actions/cache loads only for builds that use it, and once.
export { restoreLocalCache, saveLocalCache } from './local-cache.js';
export { restoreMounts, saveMounts } from './cache-mounts.js';
export { cacheMountsOf } from '../plan/cache-mounts.js';
