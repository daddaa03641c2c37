import { AnswerDeadlines } from './answer-deadlines';
import { CallAudit } from './call-audit';
import { errorLine, routingName, RPC_ERRORS, type JsonRpcId } from './jsonrpc';
import type { PendingCall } from './pending-call';
import { requestVersion } from './protocol-era';
import type { CallFailure } from './proxy-tokens';
import type { SessionTracker } from './session-tracker';

/** What the table needs around it: the editor's stdout and stderr, and who answers a server's JSON-RPC refusal. */
export interface CallTableHost {
  write(line: string, parsed?: unknown): void;
  log(line: string): void;
  /** The server refused the call with its own JSON-RPC error (a 4xx body): era-flow.ts words the answer. */
  refused(call: PendingCall, failure: CallFailure): Promise<void>;
  /** The upstream's host, for the words of an expired call (null before the session exists). */
  host(): string | null;
}

/**
 * The editor requests the proxy owes an answer, by id: each is answered exactly once (finish, fail),
 * dropped when the editor cancels it, or expired by the one deadline sweep; every end is audited
 * (the audit log, the tray's session record). When stdin ends, `drained` waits for the last one.
 */
export class CallTable {
  private readonly calls = new Map<JsonRpcId, PendingCall>();
  private readonly audit: CallAudit;
  private tracker: SessionTracker | null = null;
  private deadlines: AnswerDeadlines<PendingCall> | null = null;
  private idle: (() => void) | null = null;

  constructor(
    home: string,
    private readonly profileName: string,
    private readonly host: CallTableHost,
  ) {
    this.audit = new CallAudit(home, profileName, (line) => host.log(line));
  }

  /** How long an answer may take to begin, once the profile is read; the sweep starts if calls already wait. */
  bound(timeoutMs: number): void {
    this.deadlines = new AnswerDeadlines(timeoutMs, this.calls, (call) => this.expire(call));
    if (this.calls.size > 0) this.deadlines.watch();
  }

  /** The tray's record of this session, counting each call's end. */
  track(tracker: SessionTracker): void {
    this.tracker = tracker;
  }

  /** A request from the editor: its pending call, or null (and the editor told) when its id is already in flight. */
  open(id: JsonRpcId, method: string, params: Record<string, unknown> | undefined, bytes: number): PendingCall | null {
    if (this.calls.has(id)) {
      this.host.write(errorLine(id, RPC_ERRORS.invalidRequest, 'tokentray: invalid request: this id is already in use by a call in flight'));
      return null;
    }
    const tool = method === 'tools/call' ? routingName('tools/call', params) : undefined;
    const version = requestVersion(params);
    const call: PendingCall = { id, method, ...(tool && { tool }), ...(version && { version }), started: performance.now(), bytes, exchange: null };
    if (version) call.meta = params!._meta as Record<string, unknown>;
    this.calls.set(id, call);
    this.deadlines?.watch();
    return call;
  }

  /** The call with this id that still waits for its answer. */
  get(id: JsonRpcId): PendingCall | undefined {
    return this.calls.get(id);
  }

  /** Whether the call still waits for its answer (not answered, cancelled or expired). */
  isPending(call: PendingCall): boolean {
    return this.calls.get(call.id) === call;
  }

  /** Answers the call with `line` (its result, or an error) and audits it. */
  finish(call: PendingCall, line: string, status: 'ok' | 'error', cause?: string, parsed?: unknown): void {
    this.remove(call);
    this.host.write(line, parsed);
    this.record(call, status, call.bytes + line.length, cause);
  }

  /** Answers the call with the error for `failure` (a server's own JSON-RPC refusal goes through the host's `refused`). */
  fail(call: PendingCall, failure: CallFailure): void | Promise<void> {
    if (!this.isPending(call)) return;
    if (failure.rpc) return this.host.refused(call, failure);
    this.finish(call, errorLine(call.id, failure.code, failure.message, { cause: failure.cause, ...(failure.status && { http_status: failure.status }) }), 'error', failure.cause);
  }

  /** The editor gave up on a call: no answer is owed any more, its HTTP exchange is dropped; the call, or null when none has that id. */
  cancel(requestId: unknown): PendingCall | null {
    const call = typeof requestId === 'string' || typeof requestId === 'number' ? this.calls.get(requestId) : undefined;
    if (!call) return null;
    this.remove(call);
    call.exchange?.abort(new Error('cancelled by the editor'));
    this.record(call, 'cancelled', call.bytes);
    return call;
  }

  /**
   * stdin ended: resolves once every call is answered. Streams and held calls get the same bound as
   * answers that have not begun, since nobody will read a subscription that never ends.
   */
  async drained(): Promise<void> {
    if (this.calls.size === 0) return;
    this.deadlines?.closing();
    await new Promise<void>((resolve) => (this.idle = resolve));
  }

  /** The proxy stops: every exchange is aborted, nothing more is owed, the audit is written and the session record removed. */
  close(): void {
    for (const call of this.calls.values()) call.exchange?.abort(new Error('proxy shutting down'));
    this.calls.clear();
    this.deadlines?.stop();
    this.audit.flush();
    this.tracker?.stop();
  }

  private remove(call: PendingCall): void {
    this.calls.delete(call.id);
    if (this.calls.size === 0) this.idle?.();
  }

  private record(call: PendingCall, status: 'ok' | 'error' | 'cancelled', bytes: number, cause?: string): void {
    this.audit.record({ method: call.method, ...(call.tool && { tool: call.tool }), status, duration_ms: Math.round(performance.now() - call.started), bytes, ...(cause && { message: cause }) });
    this.tracker?.call(status === 'error' ? (cause ?? 'error') : null);
  }

  /** A call that waited too long for its answer to begin: the editor gets an error now. */
  private expire(call: PendingCall): void {
    const seconds = Math.round(this.deadlines!.timeoutMs / 1000);
    const host = this.host.host() ?? 'the MCP server';
    const fix = `try again; if the server is just slow, let tokentray wait longer: \`tokentray profile set ${this.profileName} --timeout <seconds>\``;
    const message = !call.exchange
      ? `tokentray: could not send ${call.method} to ${host} within ${seconds} s (the keychain or the connection did not become ready); ${fix}`
      : `tokentray: ${host} did not answer ${call.method} within ${seconds} s; ${fix}`;
    call.exchange?.abort(new Error(`no answer within ${seconds} s`));
    void this.fail(call, { code: RPC_ERRORS.unreachable, cause: 'timeout', message });
  }
}
