import type { Writable } from 'node:stream';
import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { assertSecureUrl } from '../http/http-setup';
import { findProfile } from '../secrets/profile-store';
import { profileMcpUrl } from '../secrets/profile-urls';
import { daysUntil, DEFAULT_MCP_TIMEOUT_SECONDS } from '../../../shared/profile';
import { AnswerDeadlines } from './answer-deadlines';
import { CallAudit } from './call-audit';
import { runCall } from './call-exchange';
import { classify, errorLine, routingName, RPC_ERRORS, type JsonRpcId } from './jsonrpc';
import { guardLine, scrub } from './leak-guard';
import { LineSplitter, type LineEvent } from './line-framing';
import { RequestGates } from './request-gates';
import { SessionTracker } from './session-tracker';
import { inputRequired } from './era-bridge';
import { EraFlow } from './era-flow';
import { ToolHeaders } from './mcp-headers';
import type { PendingCall } from './pending-call';
import { isModern, requestVersion } from './protocol-era';
import { createStreamDispatcher } from './stream-dispatcher';
import { createTokenSource, type ProxyTokens } from './token-source';
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
/** After stdin ends, how long notifications still on their way upstream may take before the proxy exits. */
const FLUSH_MS = 2000;

/**
 * `tokentray mcp <profile>`: newline-delimited JSON-RPC on the editor's stdio, Streamable HTTP with
 * the keychain's token upstream. Messages pass through untouched in both directions; every editor
 * request gets a response or a JSON-RPC error naming the cause; stdout carries MCP messages only.
 */
export function startMcpProxy(ctx: CoreContext, profileName: string, io: ProxyIO): ProxyHandle {
  let tokens: ProxyTokens | null = null;
  const log = (line: string) => io.stderr.write(`${tokens ? scrub(line, tokens.used) : line}\n`);
  const maxBytes = Number(ctx.env.TOKENTRAY_MCP_MAX_MESSAGE_BYTES) || DEFAULT_MAX_MESSAGE_BYTES;
  const pending = new Map<JsonRpcId, PendingCall>();
  const audit = new CallAudit(ctx.home, profileName, log);
  let tracker: SessionTracker | null = null;
  let deadlines: AnswerDeadlines<PendingCall> | null = null;
  const toolHeaders = new ToolHeaders(log);

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
    const call = message.id === null ? undefined : (pending.get(message.id) ?? eras.aliases.get(message.id));
    if (!call || pending.get(call.id) !== call) return null; // an answer to a cancelled call, or to nobody
    if (eras.bridge && call.version === eras.bridge.version && !message.error) {
      const ask = inputRequired(parsed);
      if (ask) {
        void eras.fulfil(upstream!, call, ask);
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
    if (failure.rpc) return eras.refused(upstream, call, failure);
    finish(call, errorLine(call.id, failure.code, failure.message, { cause: failure.cause, ...(failure.status && { http_status: failure.status }) }), 'error', failure.cause);
  };

  const setup = (async () => {
    const profile = findProfile(ctx.home, profileName);
    const url = new URL(profileMcpUrl(profile));
    assertSecureUrl(url.href);
    tokens = createTokenSource(ctx, profile, log);
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
    const held = gates.forRequest(call.method === 'initialize');
    if (held) await held;
    if (pending.get(call.id) !== call) return; // cancelled or expired while waiting
    if (call.method === 'initialize') session.initParams = params;
    const bridge = eras.bridge;
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

  const eras = new EraFlow({ isPending: (call) => pending.get(call.id) === call, finish, fail, send, fromUpstream, writeLine: (line) => writeLine(line), log });

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
    const held = gates.forMessage();
    if (held) await held;
    if (eras.bridge) return; // 2026-07-28 defines no client notifications over HTTP
    const outcome = await session.post(line, { ...(method && { method, name: routingName(method, params) }) }, { onMessage: fromUpstream });
    if ('failure' in outcome) log(`${outcome.failure.message} (while sending ${method ?? 'a response'})`);
    else if (method === 'notifications/initialized') await session.startListening();
  };

  const gates = new RequestGates();

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
      if (call.method === 'initialize') gates.afterInitialize(handled);
      return;
    }
    if (message.kind === 'response' && eras.bridge?.takeAnswer(message.id, parsed)) return;
    // 2026-07-28 has no client notifications over HTTP: closing the request's stream is the cancellation.
    if (message.kind === 'notification' && message.method === 'notifications/cancelled' && cancel(message.params?.requestId)) return;
    const forwarded = forward(event.line, message.kind === 'notification' ? message.method : undefined, message.kind === 'notification' ? message.params : undefined).catch((error: unknown) => {
      log(`tokentray: internal error while forwarding a message: ${errorMessage(error)}`);
    });
    forwarding.add(forwarded);
    void forwarded.then(() => forwarding.delete(forwarded));
    if (message.kind === 'notification' && message.method === 'notifications/initialized') gates.afterInitialized(forwarded);
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
    const keychain = tokens?.unavailable?.() ?? null;
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
