/**
 * Errors are values with a machine-readable code and a message for a person: what went wrong. What to
 * do about it, when a host can offer it, is a remedy as data (details.remedy), which each host words.
 */
import type { ErrorCode } from '../../shared/error-codes';
import { isRemedy, type Remedy } from '../../shared/remedy';

export type { ErrorCode } from '../../shared/error-codes';

/** Exit codes of the CLI contract: 1 failed, 2 usage, 3 needs confirmation. */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = { usage: 2, needs_confirmation: 3 };

/** An error's details: data for scripts (`--json` prints them), and the remedy when there is one. */
export type ErrorDetails = Record<string, unknown> & { remedy?: Remedy };

export class TokentrayError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokentrayError';
    this.code = code;
    this.details = details;
  }

  /** What the person can do about it, as data (each host words it). */
  get remedy(): Remedy | undefined {
    return isRemedy(this.details.remedy) ? this.details.remedy : undefined;
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

/** The same error (code, message, details, cause) with a remedy attached. */
export function withRemedy(error: TokentrayError, remedy: Remedy): TokentrayError {
  return new TokentrayError(error.code, error.message, { ...error.details, remedy }, { cause: error });
}

/** A remedy for a thrown value, when it is one of ours and carries one. */
export function remedyOf(error: unknown): Remedy | undefined {
  return error instanceof TokentrayError ? error.remedy : undefined;
}

/** A thrown value's message, safe to show (our errors never carry a token). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
