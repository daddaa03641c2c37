/**
 * What the proxy asks of a profile's credentials, and how a failed call is told to the editor. The
 * one seam between the proxy and its token sources (the stored token in token-source.ts, an OAuth
 * sign-in in ../oauth/): no logic here, so the OAuth layer can implement it without importing the proxy.
 */

/** A JSON-RPC error as the server sent it in a 4xx body. */
export interface UpstreamRpcError {
  code: number;
  message: string;
  data?: unknown;
}

/** Why a call failed, as the JSON-RPC error the editor gets: a code, a sentence, a short cause tag. */
export interface CallFailure {
  code: number;
  message: string;
  cause: string;
  status?: number;
  /** The server's own JSON-RPC error, when a 4xx body carried one (answerRefusal decides what the editor gets). */
  rpc?: UpstreamRpcError;
}

/** What the proxy asks of a profile's credentials (a stored token, or an OAuth sign-in). */
export interface ProxyTokens {
  /** Every token injected in this session, for the leak guard. */
  readonly used: Set<string>;
  has(): boolean;
  /** The token to send now ('' sends none: an OAuth profile not signed in yet). */
  get(): Promise<string>;
  /** After a 401 for a request sent with `sentWith`: the token to retry with once, or null. */
  afterUnauthorized(sentWith: string, wwwAuthenticate?: string | string[]): Promise<string | null>;
  /** After a 403 (insufficient_scope): a token with more scope to retry with once, or null. */
  afterForbidden?(sentWith: string, wwwAuthenticate?: string | string[]): Promise<string | null>;
  accepted(token: string): Promise<void>;
  /** Why no token could be read at all (the keychain refused): the proxy could not start. */
  unavailable?(): string | null;
  /** The error an editor gets when no token works. */
  refusal(): CallFailure;
  close?(): void;
}
