export { BlockedAddressError } from './blocked-address-error.js';
export { createGuardedFetch, type GuardedFetch, type GuardedFetchOptions } from './guarded-fetch.js';
export type { HostResolver } from './resolve-host.js';
