export { createAuth, API_KEY_PREFIX, CLIENT_IP_HEADER, type Auth, type AuthSettings } from './auth.js';
export { Authenticator, type AuthenticatorOptions } from './authenticator.js';
export type { Caller } from './caller.js';
export { allows, isRole, type Role } from './roles.js';
export { createAuthNodeHandler } from './node-handler.js';
