/** The codes an answer's failure carries: core's TokentrayError codes, plus what only a host can say. */

/** Core's error codes (electron/core/errors.ts TokentrayError.code). */
export type ErrorCode =
  | 'usage'
  | 'invalid_input'
  | 'not_found'
  | 'already_exists'
  | 'keychain_unavailable'
  | 'keychain_locked'
  | 'metadata_corrupt'
  | 'io'
  | 'needs_confirmation'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'server'
  | 'network'
  | 'timeout'
  | 'insecure_url'
  | 'bad_response'
  | 'partial';

/**
 * The code of an ActionResult: an ErrorCode, or `internal` (a thrown value that is not ours),
 * `unavailable` (only the desktop app can do it), `ipc` (the window could not reach main).
 */
export type ResultCode = ErrorCode | 'internal' | 'unavailable' | 'ipc';
