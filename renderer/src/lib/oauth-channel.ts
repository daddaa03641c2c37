/** The OAuth sign-in channel's name, without the contract's schemas (the window bundles no zod). Kept equal to shared/ipc.ts OAUTH_SIGNIN_CHANNEL by a test. */
export const OAUTH_SIGNIN_CHANNEL_NAME = 'oauth:login';
