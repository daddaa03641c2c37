/** Errors are values with a machine-readable code and a message for a person: what went wrong, what to do. */

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

/** Exit codes of the CLI contract: 1 failed, 2 usage, 3 needs confirmation. */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = { usage: 2, needs_confirmation: 3 };

export class TokentrayError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokentrayError';
    this.code = code;
    this.details = details;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code] ?? 1;
  }
}

export class UsageError extends TokentrayError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** A thrown value's message, safe to show (our errors never carry a token). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
