import type { Writable } from 'node:stream';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { assertSecureUrl } from '../http/http-setup';
import { findProfile } from '../secrets/profile-store';
import { profileMcpUrl } from '../secrets/profile-urls';
import { daysUntil, DEFAULT_MCP_TIMEOUT_SECONDS } from '../../../shared/profile';
import { AnswerDeadlines, type Watched } from './answer-deadlines';
import { CallAudit } from './call-audit';
import { runCall } from './call-exchange';
import { classify, errorLine, routingName, RPC_ERRORS, type JsonRpcId } from './jsonrpc';
import { guardLine, scrub } from './leak-guard';
import { LineSplitter, type LineEvent } from './line-framing';
import { SessionTracker } from './session-tracker';
import { EraBridge, inputRequired, type InputRequired } from './era-bridge';
import { answerRefusal, isLegacyRefusal, modernOnlyRefusal } from './era-errors';
import { probeHandshake } from './era-probe';
import { ToolHeaders } from './mcp-headers';
import { CLIENT_CAPABILITIES_META, CLIENT_INFO_META, isModern, MODERN_VERSION, requestVersion } from './protocol-era';
import { createStreamDispatcher } from './stream-dispatcher';
import { TokenSource } from './token-source';
import type { CallFailure } from './upstream-errors';
import type { PostInfo } from './upstream-session';
import { UpstreamSession } from './upstream-session';

/** The editor's end of the pipe. */
export interface ProxyIO {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: Writable;
}

/** A running proxy: `done` gives the exit code once stdin closes or stop() is called. */
export interface ProxyHandle {
  done: Promise<number>;
  stop(): void;
}

/** Messages larger than this are refused in both directions (TOKENTRAY_MCP_MAX_MESSAGE_BYTES overrides). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** How long requests after `notifications/initialized` wait for the GET stream to open. */
const LISTEN_GATE_MS = 3000;

/** Input rounds (MRTR) a bridged call may take before it is given up; requestState-only rounds are paced. */
const MAX_INPUT_ROUNDS = 10;
const STATE_ONLY_ROUND_MS = 250;
/** After stdin ends, how long notifications still on their way upstream may take before the proxy exits. */
const FLUSH_MS = 2000;

interface PendingCall extends Watched {
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

/**
 * `tokentray mcp <profile>`: newline-delimited JSON-RPC on the editor's stdio, Streamable HTTP with
 * the keychain's token upstream. Messages pass through untouched in both directions; every editor
 * request gets a response or a JSON-RPC error naming the cause; stdout carries MCP messages only.
 */
export function startMcpProxy(ctx: CoreContext, profileName: string, io: ProxyIO): ProxyHandle {
  let tokens: TokenSource | null = null;
  const log = (line: string) => io.stderr.write(`${tokens ? scrub(line, tokens.used) : line}\n`);
  const maxBytes = Number(ctx.env.TOKENTRAY_MCP_MAX_MESSAGE_BYTES) || DEFAULT_MAX_MESSAGE_BYTES;
  const pending = new Map<JsonRpcId, PendingCall>();
  const audit = new CallAudit(ctx.home, profileName, log);
  let tracker: SessionTracker | null = null;
  let deadlines: AnswerDeadlines<PendingCall> | null = null;
  const toolHeaders = new ToolHeaders(log);
  /** Set when a 2025-era editor meets a 2026-07-28-only server (see era-bridge.ts). */
  let bridge: EraBridge | null = null;
  let bridgeTried = false;
  /** MRTR retries of bridged calls: the retry's id → the editor's call. */
  const aliases = new Map<JsonRpcId, PendingCall>();
  let retries = 0;
  /** Notification and response POSTs on their way upstream (flushed before exit). */
  const forwarding = new Set<Promise<void>>();
  /** Resolves the wait for the last pending call once stdin has ended. */
  let idle: (() => void) | null = null;
  let finished = false;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  /** The only way to stdout: every line passes the leak guard (`parsed`, when known, saves a parse). */
  const writeLine = (raw: string, parsed?: unknown) => {
    if (finished) return;
    const line = tokens ? guardLine(raw, parsed, tokens.used, log) : raw;
    if (line.length < 65536) io.stdout.write(`${line}\n`);
    else {
      // Two writes: joining first would copy a large message once more.
      io.stdout.write(line);
      io.stdout.write('\n');
    }
  };

  /** Everything the server sends passes here: framed as one line, checked for the token, routed. */
  const fromUpstream = (text: string): string | null => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      log(`tokentray: dropped a message from the MCP server that is not JSON (${text.length} bytes)`);
      return 'not JSON';
    }
    const message = classify(parsed);
    if ('invalid' in message) {
      log(`tokentray: dropped a message from the MCP server: ${message.invalid}`);
      return message.invalid;
    }
    let line = /[\n\r]/.test(text) ? JSON.stringify(parsed) : text;
    if (message.kind !== 'response') {
      writeLine(line, parsed);
      return null;
    }
    const call = message.id === null ? undefined : (pending.get(message.id) ?? aliases.get(message.id));
    if (!call || pending.get(call.id) !== call) return null; // an answer to a cancelled call, or to nobody
    if (bridge && call.version === bridge.version && !message.error) {
      const ask = inputRequired(parsed);
      if (ask) {
        void fulfil(call, ask);
        return null;
      }
    }
    if (call.id !== message.id) line = JSON.stringify({ ...(parsed as object), id: call.id }); // an MRTR retry answers the editor's call
    if (call.method === 'initialize' && !message.error) adoptProtocolVersion(parsed);
    else if (call.method === 'tools/list' && !message.error) toolHeaders.learn((parsed as { result?: unknown }).result);
    finish(call, line, message.error ? 'error' : 'ok', message.error ? 'upstream_error' : undefined, parsed);
    return null;
  };

  const finish = (call: PendingCall, line: string, status: 'ok' | 'error', cause?: string, parsed?: unknown) => {
    pending.delete(call.id);
    if (pending.size === 0) idle?.();
    writeLine(line, parsed);
    audit.record({ method: call.method, ...(call.tool && { tool: call.tool }), status, duration_ms: Math.round(performance.now() - call.started), bytes: call.bytes + line.length, ...(cause && { message: cause }) });
    tracker?.call(status === 'error' ? (cause ?? 'error') : null);
  };

  const fail = (call: PendingCall, failure: CallFailure): void | Promise<void> => {
    if (pending.get(call.id) !== call) return;
    if (failure.rpc) return refused(call, failure);
    finish(call, errorLine(call.id, failure.code, failure.message, { cause: failure.cause, ...(failure.status && { http_status: failure.status }) }), 'error', failure.cause);
  };

  /** The server refused the call with a JSON-RPC error of its own (a 4xx body): its code and data reach the editor. */
  const refused = async (call: PendingCall, failure: CallFailure) => {
    const rpc = failure.rpc!;
    const initializeVersion = call.method === 'initialize' ? (upstream?.initParams?.protocolVersion as string | undefined) : undefined;
    const refusedCall = { method: call.method, ...(call.version && { version: call.version }), ...(initializeVersion && { initializeVersion }) };
    const modern = upstream && !bridgeTried ? modernOnlyRefusal(refusedCall, rpc) : null;
    if (modern && upstream) return bridgeInitialize(upstream, call, modern.includes(MODERN_VERSION) ? MODERN_VERSION : modern[0]!, failure);
    let handshake: string | null = null;
    if (upstream && isLegacyRefusal(refusedCall, rpc)) {
      call.held = true; // the probe is ours to wait for, not the server's answer
      const meta = call.meta;
      handshake = await (upstream.handshake ??= probeHandshake(upstream, meta?.[CLIENT_INFO_META], meta?.[CLIENT_CAPABILITIES_META]));
    }
    if (pending.get(call.id) !== call) return;
    const answer = answerRefusal(refusedCall, rpc, failure.status ?? 400, upstream?.host ?? 'the MCP server', handshake);
    log(answer.message.startsWith('tokentray:') ? answer.message : `tokentray: ${upstream?.host} refused ${call.method}: ${answer.message}`);
    finish(call, errorLine(call.id, answer.code, answer.message, answer.data as Record<string, unknown> | undefined), 'error', answer.cause);
  };

  const setup = (async () => {
    const profile = findProfile(ctx.home, profileName);
    const url = new URL(profileMcpUrl(profile));
    assertSecureUrl(url.href);
    tokens = new TokenSource(ctx, profile, log);
    deadlines = new AnswerDeadlines((profile.timeout_seconds ?? DEFAULT_MCP_TIMEOUT_SECONDS) * 1000, pending, (call) => expire(call));
    if (pending.size > 0) deadlines.watch();
    tokens.get().catch(() => undefined); // start the keychain read now; a failure is reported per call
    if (profile.kind === 'mcp' && profile.expires_at && daysUntil(profile.expires_at, ctx.now()) < 0) {
      log(`tokentray: warning: the token of profile "${profile.name}" expired on ${profile.expires_at}; the server will likely refuse it`);
    }
    await new Promise((resolve) => setImmediate(resolve)); // lets the keychain request start before undici loads
    const dispatcher = createStreamDispatcher(ctx.env);
    tracker = new SessionTracker(ctx.home, profile.name, log);
    setTimeout(() => void tracker?.start(), 100).unref(); // off the cold-start path
    return new UpstreamSession(dispatcher, url, tokens, maxBytes, `tokentray/${process.env.TOKENTRAY_VERSION ?? 'dev'}`, fromUpstream, log);
  })();
  let upstream: UpstreamSession | null = null;
  let setupError: string | null = null;
  const ready = setup.then(
    (session) => (upstream = session),
    (error: unknown) => {
      setupError = `tokentray: ${errorMessage(error)}`;
      log(setupError);
      return null;
    },
  );

  const adoptProtocolVersion = (parsed: unknown) => {
    const version = (parsed as { result?: { protocolVersion?: unknown } }).result?.protocolVersion;
    if (upstream && typeof version === 'string') upstream.protocolVersion = version;
  };

  const handleRequest = async (call: PendingCall, line: string, params: Record<string, unknown> | undefined) => {
    const session = upstream ?? (await ready);
    if (!session) return fail(call, { code: RPC_ERRORS.setup, cause: 'setup', message: setupError ?? 'tokentray: not set up' });
    if (initGate && call.method !== 'initialize') await initGate;
    if (listenGate) await listenGate;
    if (pending.get(call.id) !== call) return; // cancelled or expired while waiting
    if (call.method === 'initialize') session.initParams = params;
    if (bridge) {
      const local = bridge.answerLocally(call.method, params);
      if (local) return finish(call, JSON.stringify({ jsonrpc: '2.0', id: call.id, result: local }), 'ok');
      call.version = bridge.version;
      call.meta = bridge.envelope();
      call.params = params;
      line = bridge.wrap(call.id, call.method, params);
    }
    await send(session, call, line, params);
  };

  /** One upstream exchange (and its resumes) for a call; `deliver` routes what comes back. */
  const send = (session: UpstreamSession, call: PendingCall, line: string, params: Record<string, unknown> | undefined, deliver = fromUpstream, method = call.method) => {
    const name = routingName(method, params);
    const info: PostInfo = {
      method,
      name,
      isInitialize: method === 'initialize',
      ...(call.version && { protocolVersion: call.version }),
      ...(method === 'tools/call' && { paramHeaders: toolHeaders.forCall(name, params?.arguments) }),
    };
    const leg = call.leg;
    const awaited = () => pending.get(call.id) === call && call.leg === leg;
    return runCall(session, line, info, {
      pending: awaited,
      deliver,
      onExchange: (e) => {
        if (awaited()) call.exchange = e;
        else e.abort(new Error('no longer awaited')); // cancelled or expired while the keychain answered
      },
      fail: (failure) => fail(call, failure),
    });
  };

  /**
   * A 2025-era editor's initialize refused by a server that speaks only `version` (2026-07-28): the
   * proxy bridges the two (era-bridge.ts), starting with server/discover as the editor's initialize.
   */
  const bridgeInitialize = async (session: UpstreamSession, call: PendingCall, version: string, refusal: CallFailure) => {
    bridgeTried = true;
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
      if (reply.id !== id || pending.get(call.id) !== call) return fromUpstream(text);
      answered = true;
      if (!reply.result) {
        void fail(call, { code: RPC_ERRORS.upstreamStatus, cause: 'protocol_version', message: `tokentray: ${session.host} speaks only MCP ${version} and refused server/discover: ${reply.error?.message ?? 'no result'}` });
        return null;
      }
      bridge = discover;
      log(`tokentray: ${session.host} speaks only MCP ${version}; bridging this editor's ${String(session.initParams?.protocolVersion ?? 'initialize')} to it`);
      finish(call, JSON.stringify({ jsonrpc: '2.0', id: call.id, result: discover.initializeResult(reply.result) }), 'ok');
      return null;
    };
    call.leg = (call.leg ?? 0) + 1;
    await send(session, call, discover.wrap(id, 'server/discover', {}), {}, deliver, 'server/discover').catch(() => undefined);
    if (!answered && pending.get(call.id) === call) {
      const answer = answerRefusal({ method: 'initialize', ...(typeof session.initParams?.protocolVersion === 'string' && { initializeVersion: session.initParams.protocolVersion }) }, refusal.rpc!, refusal.status ?? 400, session.host, null);
      finish(call, errorLine(call.id, answer.code, answer.message, answer.data as Record<string, unknown> | undefined), 'error', answer.cause);
    }
  };

  /**
   * A bridged call answered with an InputRequiredResult: its input requests go to the editor, and the
   * call is retried (a new id) with their answers as `inputResponses` and the `requestState` echoed.
   */
  const fulfil = async (call: PendingCall, ask: InputRequired) => {
    const leg = (call.leg = (call.leg ?? 0) + 1); // the exchange that asked is done with
    const host = upstream!.host;
    if (leg > MAX_INPUT_ROUNDS) return fail(call, { code: RPC_ERRORS.malformed, cause: 'input_rounds', message: `tokentray: ${host} asked for input ${MAX_INPUT_ROUNDS} times for ${call.method}; given up` });
    call.held = true; // the editor (a person, maybe) answers now: no deadline
    let responses: Record<string, unknown> | undefined;
    if (ask.inputRequests) {
      const got = await bridge!.ask(ask.inputRequests, (line) => writeLine(line));
      if ('error' in got) {
        call.held = false;
        return fail(call, { code: RPC_ERRORS.upstreamStatus, cause: 'input_refused', message: `tokentray: ${got.error}` });
      }
      responses = got.responses;
    } else {
      await new Promise((resolve) => setTimeout(resolve, STATE_ONLY_ROUND_MS));
    }
    call.held = false;
    if (pending.get(call.id) !== call || call.leg !== leg) return;
    const retryId = `tokentray-retry-${++retries}`;
    aliases.set(retryId, call);
    const params = { ...call.params, ...(responses && { inputResponses: responses }), ...(ask.requestState !== undefined && { requestState: ask.requestState }) };
    try {
      await send(upstream!, call, bridge!.wrap(retryId, call.method, params), params);
    } finally {
      aliases.delete(retryId);
    }
  };

  /** A call that waited too long for its answer to begin: the editor gets an error now. */
  const expire = (call: PendingCall) => {
    const seconds = Math.round(deadlines!.timeoutMs / 1000);
    const host = upstream?.host ?? 'the MCP server';
    const fix = `try again; if the server is just slow, let tokentray wait longer: \`tokentray profile set ${profileName} --timeout <seconds>\``;
    const message = !call.exchange
      ? `tokentray: could not send ${call.method} to ${host} within ${seconds} s (the keychain or the connection did not become ready); ${fix}`
      : `tokentray: ${host} did not answer ${call.method} within ${seconds} s; ${fix}`;
    call.exchange?.abort(new Error(`no answer within ${seconds} s`));
    fail(call, { code: RPC_ERRORS.unreachable, cause: 'timeout', message });
  };

  const forward = async (line: string, method: string | undefined, params: Record<string, unknown> | undefined) => {
    const session = upstream ?? (await ready);
    if (!session) return;
    if (initGate) await initGate;
    if (bridge) return; // 2026-07-28 defines no client notifications over HTTP
    const outcome = await session.post(line, { ...(method && { method, name: routingName(method, params) }) }, { onMessage: fromUpstream });
    if ('failure' in outcome) log(`${outcome.failure.message} (while sending ${method ?? 'a response'})`);
    else if (method === 'notifications/initialized') await session.startListening();
  };

  /**
   * Requests that follow `notifications/initialized` wait (at most LISTEN_GATE_MS) until the GET stream
   * is open, refused or failed: a server sends its own requests (sampling, elicitation) unrelated to a
   * call there, and drops what it sends before that stream exists.
   */
  let listenGate: Promise<void> | null = null;
  /** Messages read after `initialize` wait for its answer: they need the session it creates. */
  let initGate: Promise<void> | null = null;
  const holdUntilListening = (forwarded: Promise<void>) => {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_GATE_MS)));
    listenGate = Promise.race([forwarded, bound]).then(() => {
      clearTimeout(timer);
      listenGate = null;
    });
  };

  const onLine = (event: LineEvent) => {
    if ('oversized' in event) {
      log(`tokentray: refused a message of ${event.oversized} bytes from the editor (limit ${maxBytes})`);
      writeLine(errorLine(event.id, RPC_ERRORS.tooLarge, `tokentray: message of ${event.oversized} bytes refused; the limit is ${maxBytes} bytes (TOKENTRAY_MCP_MAX_MESSAGE_BYTES)`));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.line);
    } catch (error) {
      writeLine(errorLine(null, RPC_ERRORS.parse, `tokentray: parse error: ${(error as Error).message}`));
      return;
    }
    const message = classify(parsed);
    if ('invalid' in message) {
      writeLine(errorLine(message.id, RPC_ERRORS.invalidRequest, `tokentray: invalid request: ${message.invalid}`));
      return;
    }
    if (message.kind === 'request') {
      if (pending.has(message.id)) {
        writeLine(errorLine(message.id, RPC_ERRORS.invalidRequest, 'tokentray: invalid request: this id is already in use by a call in flight'));
        return;
      }
      const tool = message.method === 'tools/call' ? routingName('tools/call', message.params) : undefined;
      const version = requestVersion(message.params);
      const call: PendingCall = { id: message.id, method: message.method, ...(tool && { tool }), ...(version && { version }), started: performance.now(), bytes: event.line.length, exchange: null };
      if (version) call.meta = message.params!._meta as Record<string, unknown>;
      pending.set(call.id, call);
      deadlines?.watch();
      const handled = handleRequest(call, event.line, message.params).catch((error: unknown) => {
        fail(call, { code: RPC_ERRORS.internal, cause: 'internal', message: `tokentray: internal error: ${errorMessage(error)}` });
      });
      if (call.method === 'initialize') {
        const gate: Promise<void> = handled.then(() => {
          if (initGate === gate) initGate = null;
        });
        initGate = gate;
      }
      return;
    }
    if (message.kind === 'response' && bridge?.takeAnswer(message.id, parsed)) return;
    // 2026-07-28 has no client notifications over HTTP: closing the request's stream is the cancellation.
    if (message.kind === 'notification' && message.method === 'notifications/cancelled' && cancel(message.params?.requestId)) return;
    const forwarded = forward(event.line, message.kind === 'notification' ? message.method : undefined, message.kind === 'notification' ? message.params : undefined).catch((error: unknown) => {
      log(`tokentray: internal error while forwarding a message: ${errorMessage(error)}`);
    });
    forwarding.add(forwarded);
    void forwarded.then(() => forwarding.delete(forwarded));
    if (message.kind === 'notification' && message.method === 'notifications/initialized') holdUntilListening(forwarded);
  };

  /** The editor gave up on a call: no answer is owed any more, and its HTTP exchange is dropped. */
  const cancel = (requestId: unknown): boolean => {
    const call = typeof requestId === 'string' || typeof requestId === 'number' ? pending.get(requestId) : undefined;
    if (!call) return false;
    pending.delete(call.id);
    if (pending.size === 0) idle?.();
    call.exchange?.abort(new Error('cancelled by the editor'));
    audit.record({ method: call.method, ...(call.tool && { tool: call.tool }), status: 'cancelled', duration_ms: Math.round(performance.now() - call.started), bytes: call.bytes });
    tracker?.call(null);
    return isModern(call.version);
  };

  const shutdown = async () => {
    if (finished) return;
    finished = true;
    io.stdin.removeListener('data', onData);
    // A signal may stop us while the editor still holds stdin open: stop reading so the process can end.
    (io.stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    for (const call of pending.values()) call.exchange?.abort(new Error('proxy shutting down'));
    pending.clear();
    deadlines?.stop();
    audit.flush();
    tracker?.stop();
    await upstream?.close().catch((error: unknown) => log(`tokentray: closing the MCP session failed: ${errorMessage(error)}`));
    const keychain = tokens?.unavailable();
    if (keychain) log(`tokentray: could not start: ${keychain}`);
    resolveDone(setupError || keychain ? 1 : 0);
  };

  /**
   * The editor closed stdin: every request read so far is still answered (its answer or an error),
   * notifications on their way are sent, then the proxy exits. Streams get the same bound as answers
   * that have not begun, since nobody will read a subscription that never ends.
   */
  const drain = async () => {
    if (pending.size > 0) {
      deadlines?.closing();
      await new Promise<void>((resolve) => (idle = resolve));
    }
    if (forwarding.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(forwarding), new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_MS)))]);
      clearTimeout(timer);
    }
  };

  const splitter = new LineSplitter(maxBytes, (event) => {
    try {
      onLine(event);
    } catch (error) {
      log(`tokentray: internal error on a message from the editor: ${errorMessage(error)}`);
    }
  });
  const onData = (chunk: Buffer | string) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  io.stdin.on('data', onData);
  io.stdin.once('end', () => {
    splitter.end();
    void ready.then(drain).then(shutdown);
  });
  io.stdout.once('error', () => void shutdown());
  return { done, stop: () => void shutdown() };
}
