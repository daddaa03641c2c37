import type { Watched } from './answer-deadlines';
import type { JsonRpcId } from './jsonrpc';

/** One editor request the proxy owes an answer: a result or an error, exactly once. */
export interface PendingCall extends Watched {
  id: JsonRpcId;
  method: string;
  tool?: string;
  started: number;
  bytes: number;
  /** The revision the request's `_meta` asks for (2026-07-28 requests carry one), and that `_meta`. */
  version?: string;
  meta?: Record<string, unknown>;
  /** Bridged calls: the editor's params (for MRTR retries), and which exchange may answer (earlier ones gave way). */
  params?: Record<string, unknown> | undefined;
  leg?: number;
}
