/** The mootup API client: import from here. See README.md in this folder. */
export { createMootupClient, sharedApiDispatcher, type MootupClient, type MootupClientOptions } from './client';
export { openMootupSession, type MootupSession, type MootupSessionOptions } from './session';
export { AgentConnectedError, MootupError } from './mootup-errors';
export * from './assumptions';
export type * from './types';
