import { EraBridge, type InputRequired } from './era-bridge';
import { answerRefusal, isLegacyRefusal, modernOnlyRefusal } from './era-errors';
import { probeHandshake } from './era-probe';
import { errorLine, RPC_ERRORS, type JsonRpcId } from './jsonrpc';
import type { PendingCall } from './pending-call';
import { CLIENT_CAPABILITIES_META, CLIENT_INFO_META, MODERN_VERSION } from './protocol-era';
import type { CallFailure } from './upstream-errors';
import type { UpstreamSession } from './upstream-session';

/** Input rounds (MRTR) a bridged call may take before it is given up; requestState-only rounds are paced. */
const MAX_INPUT_ROUNDS = 10;
const STATE_ONLY_ROUND_MS = 250;

/** What the era flows need of the proxy. */
export interface CallDesk {
  isPending(call: PendingCall): boolean;
  finish(call: PendingCall, line: string, status: 'ok' | 'error', cause?: string): void;
  fail(call: PendingCall, failure: CallFailure): void | Promise<void>;
  /** One upstream exchange for the call (`method` for its headers when it differs from the call's). */
  send(session: UpstreamSession, call: PendingCall, line: string, params: Record<string, unknown> | undefined, deliver?: (text: string) => string | null, method?: string): Promise<void>;
  fromUpstream(text: string): string | null;
  writeLine(line: string): void;
  log(line: string): void;
}

/**
 * What the proxy does when the two sides speak different eras of MCP: a server's JSON-RPC refusal
 * (4xx) answered with its own code and data or with -32022 naming both revisions (era-errors.ts),
 * and the bridge from a 2025-era editor to a 2026-07-28-only server (era-bridge.ts), MRTR included.
 */
export class EraFlow {
  /** MRTR retries of bridged calls: the retry's id → the editor's call. */
  readonly aliases = new Map<JsonRpcId, PendingCall>();
  private bridgeTried = false;
  private retries = 0;

  constructor(private readonly desk: CallDesk) {}

  /** The server refused the call with a JSON-RPC error of its own (a 4xx body): its code and data reach the editor. */
  async refused(upstream: UpstreamSession | null, call: PendingCall, failure: CallFailure): Promise<void> {
    const rpc = failure.rpc!;
    const initializeVersion = call.method === 'initialize' ? (upstream?.initParams?.protocolVersion as string | undefined) : undefined;
    const refusedCall = { method: call.method, ...(call.version && { version: call.version }), ...(initializeVersion && { initializeVersion }) };
    const modern = upstream && !this.bridgeTried ? modernOnlyRefusal(refusedCall, rpc) : null;
    if (modern && upstream) return this.bridgeInitialize(upstream, call, modern.includes(MODERN_VERSION) ? MODERN_VERSION : modern[0]!, failure);
    let handshake: string | null = null;
    if (upstream && isLegacyRefusal(refusedCall, rpc)) {
      call.held = true; // the probe is ours to wait for, not the server's answer
      const meta = call.meta;
      handshake = await (upstream.handshake ??= probeHandshake(upstream, meta?.[CLIENT_INFO_META], meta?.[CLIENT_CAPABILITIES_META]));
    }
    if (!this.desk.isPending(call)) return;
    const answer = answerRefusal(refusedCall, rpc, failure.status ?? 400, upstream?.host ?? 'the MCP server', handshake);
    this.desk.log(answer.message.startsWith('tokentray:') ? answer.message : `tokentray: ${upstream?.host} refused ${call.method}: ${answer.message}`);
    this.desk.finish(call, errorLine(call.id, answer.code, answer.message, answer.data as Record<string, unknown> | undefined), 'error', answer.cause);
  }

  /**
   * A 2025-era editor's initialize refused by a server that speaks only `version` (2026-07-28): the
   * proxy bridges the two (era-bridge.ts), starting with server/discover as the editor's initialize.
   */
  private async bridgeInitialize(session: UpstreamSession, call: PendingCall, version: string, refusal: CallFailure): Promise<void> {
    this.bridgeTried = true;
    const discover = new EraBridge(version, session.initParams);
    const id = `tokentray-discover-${call.id}`;
    let answered = false;
    call.version = version;
    const deliver = (text: string): string | null => {
      let reply: { id?: unknown; result?: Record<string, unknown>; error?: { message?: string } } = {};
      try {
        if (text.includes(id)) reply = JSON.parse(text) as typeof reply;
      } catch {
        // not the answer: fromUpstream reports it
      }
      if (reply.id !== id || !this.desk.isPending(call)) return this.desk.fromUpstream(text);
      answered = true;
      if (!reply.result) {
        void this.desk.fail(call, { code: RPC_ERRORS.upstreamStatus, cause: 'protocol_version', message: `tokentray: ${session.host} speaks only MCP ${version} and refused server/discover: ${reply.error?.message ?? 'no result'}` });
        return null;
      }
      session.bridgeWith(discover);
      this.desk.log(`tokentray: ${session.host} speaks only MCP ${version}; bridging this editor's ${String(session.initParams?.protocolVersion ?? 'initialize')} to it`);
      this.desk.finish(call, JSON.stringify({ jsonrpc: '2.0', id: call.id, result: discover.initializeResult(reply.result) }), 'ok');
      return null;
    };
    call.leg = (call.leg ?? 0) + 1;
    await this.desk.send(session, call, discover.wrap(id, 'server/discover', {}), {}, deliver, 'server/discover').catch(() => undefined);
    if (!answered && this.desk.isPending(call)) {
      const answer = answerRefusal({ method: 'initialize', ...(typeof session.initParams?.protocolVersion === 'string' && { initializeVersion: session.initParams.protocolVersion }) }, refusal.rpc!, refusal.status ?? 400, session.host, null);
      this.desk.finish(call, errorLine(call.id, answer.code, answer.message, answer.data as Record<string, unknown> | undefined), 'error', answer.cause);
    }
  }

  /**
   * A bridged call answered with an InputRequiredResult: its input requests go to the editor, and the
   * call is retried (a new id) with their answers as `inputResponses` and the `requestState` echoed.
   */
  async fulfil(upstream: UpstreamSession, call: PendingCall, ask: InputRequired): Promise<void> {
    const leg = (call.leg = (call.leg ?? 0) + 1); // the exchange that asked is done with
    const host = upstream.host;
    if (leg > MAX_INPUT_ROUNDS) return this.desk.fail(call, { code: RPC_ERRORS.malformed, cause: 'input_rounds', message: `tokentray: ${host} asked for input ${MAX_INPUT_ROUNDS} times for ${call.method}; given up` });
    call.held = true; // the editor (a person, maybe) answers now: no deadline
    let responses: Record<string, unknown> | undefined;
    if (ask.inputRequests) {
      const got = await upstream.bridge!.ask(ask.inputRequests, (line) => this.desk.writeLine(line));
      if ('error' in got) {
        call.held = false;
        return this.desk.fail(call, { code: RPC_ERRORS.upstreamStatus, cause: 'input_refused', message: `tokentray: ${got.error}` });
      }
      responses = got.responses;
    } else {
      await new Promise((resolve) => setTimeout(resolve, STATE_ONLY_ROUND_MS));
    }
    call.held = false;
    if (!this.desk.isPending(call) || call.leg !== leg) return;
    const retryId = `tokentray-retry-${++this.retries}`;
    this.aliases.set(retryId, call);
    const params = { ...call.params, ...(responses && { inputResponses: responses }), ...(ask.requestState !== undefined && { requestState: ask.requestState }) };
    try {
      await this.desk.send(upstream, call, upstream.bridge!.wrap(retryId, call.method, params), params);
    } finally {
      this.aliases.delete(retryId);
    }
  }
}
