export { BlockedAddressError } from './blocked-address-error.js';
export { createGuardedFetch, type GuardedFetch, type GuardedFetchOptions } from './guarded-fetch.js';
export type { HostResolver } from './resolve-host.js';
export type { WorkspaceAllow } from './address-policy.js';
export { createWorkspaceAllowCheck, DEFAULT_WORKSPACE_ALLOWABLE, workspaceAllowFor } from './workspace-allow.js';
