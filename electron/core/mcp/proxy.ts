import type { CoreContext } from '../context';
import { errorMessage } from '../errors';
import { CallTable } from './call-table';
import { runCall } from './call-exchange';
import { EditorPipe, type ProxyIO } from './editor-pipe';
import { inputRequired } from './era-bridge';
import { EraFlow } from './era-flow';
import { classify, errorLine, routingName, RPC_ERRORS, type RpcMessage } from './jsonrpc';
import { ToolHeaders } from './mcp-headers';
import { MessageForwarder } from './message-forwarder';
import type { PendingCall } from './pending-call';
import { isModern } from './protocol-era';
import { RequestGates } from './request-gates';
import { UpstreamSetup } from './upstream-setup';
import type { PostInfo, UpstreamSession } from './upstream-session';

export type { ProxyIO };

/** A running proxy: `done` gives the exit code once stdin closes or stop() is called. */
export interface ProxyHandle {
  done: Promise<number>;
  stop(): void;
}

/** Messages larger than this are refused in both directions (TOKENTRAY_MCP_MAX_MESSAGE_BYTES overrides). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** After stdin ends, how long notifications still on their way upstream may take before the proxy exits. */
const FLUSH_MS = 2000;

type Params = Record<string, unknown> | undefined;

/**
 * `tokentray mcp <profile>`: newline-delimited JSON-RPC on the editor's stdio, Streamable HTTP with
 * the keychain's token upstream. Messages pass through untouched in both directions; every editor
 * request gets a response or a JSON-RPC error naming the cause; stdout carries MCP messages only.
 * This wires the editor pipe, the call table and the upstream setup; it routes, they hold the state.
 */
export function startMcpProxy(ctx: CoreContext, profileName: string, io: ProxyIO): ProxyHandle {
  const pipe = new EditorPipe(io, Number(ctx.env.TOKENTRAY_MCP_MAX_MESSAGE_BYTES) || DEFAULT_MAX_MESSAGE_BYTES);
  const log = (line: string) => pipe.log(line);
  const calls: CallTable = new CallTable(ctx.home, profileName, {
    write: (line, parsed) => pipe.write(line, parsed),
    log,
    refused: (call, failure): Promise<void> => eras.refused(setup.session, call, failure),
    host: () => setup.session?.host ?? null,
  });
  const toolHeaders = new ToolHeaders(log);
  const gates = new RequestGates();

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
      pipe.write(line, parsed);
      return null;
    }
    const call = message.id === null ? undefined : (calls.get(message.id) ?? eras.aliases.get(message.id));
    if (!call || !calls.isPending(call)) return null; // an answer to a cancelled call, or to nobody
    const session = setup.session!;
    if (session.bridge && call.version === session.bridge.version && !message.error) {
      const ask = inputRequired(parsed);
      if (ask) {
        void eras.fulfil(session, call, ask);
        return null;
      }
    }
    if (call.id !== message.id) line = JSON.stringify({ ...(parsed as object), id: call.id }); // an MRTR retry answers the editor's call
    if (call.method === 'initialize' && !message.error) session.initialized(parsed);
    else if (call.method === 'tools/list' && !message.error) toolHeaders.learn((parsed as { result?: unknown }).result);
    calls.finish(call, line, message.error ? 'error' : 'ok', message.error ? 'upstream_error' : undefined, parsed);
    return null;
  };

  const setup = new UpstreamSetup(ctx, profileName, pipe.maxBytes, {
    resolved: (tokens, timeoutMs) => {
      pipe.guard(tokens);
      calls.bound(timeoutMs);
    },
    tracking: (tracker) => calls.track(tracker),
    route: fromUpstream,
    log,
  });

  const forwarder = new MessageForwarder(setup, gates, fromUpstream, log);

  /** One upstream exchange (and its resumes) for a call; `deliver` routes what comes back. */
  const send = (session: UpstreamSession, call: PendingCall, line: string, params: Params, deliver = fromUpstream, method = call.method) => {
    const name = routingName(method, params);
    const info: PostInfo = {
      method,
      name,
      isInitialize: method === 'initialize',
      ...(call.version && { protocolVersion: call.version }),
      ...(method === 'tools/call' && { paramHeaders: toolHeaders.forCall(name, params?.arguments) }),
    };
    const leg = call.leg;
    const awaited = () => calls.isPending(call) && call.leg === leg;
    return runCall(session, line, info, {
      pending: awaited,
      deliver,
      onExchange: (e) => {
        if (awaited()) call.exchange = e;
        else e.abort(new Error('no longer awaited')); // cancelled or expired while the keychain answered
      },
      fail: (failure) => calls.fail(call, failure),
    });
  };

  const eras: EraFlow = new EraFlow({
    isPending: (call): boolean => calls.isPending(call),
    finish: (call, line, status, cause) => calls.finish(call, line, status, cause),
    fail: (call, failure) => calls.fail(call, failure),
    send,
    fromUpstream,
    writeLine: (line) => pipe.write(line),
    log,
  });

  const handleRequest = async (call: PendingCall, line: string, params: Params) => {
    const session = setup.session ?? (await setup.ready);
    if (!session) return calls.fail(call, { code: RPC_ERRORS.setup, cause: 'setup', message: setup.error ?? 'tokentray: not set up' });
    const held = gates.forRequest(call.method === 'initialize');
    if (held) await held;
    if (!calls.isPending(call)) return; // cancelled or expired while waiting
    if (call.method === 'initialize') session.initializing(params);
    const bridge = session.bridge;
    if (bridge) {
      const local = bridge.answerLocally(call.method, params);
      if (local) return calls.finish(call, JSON.stringify({ jsonrpc: '2.0', id: call.id, result: local }), 'ok');
      call.version = bridge.version;
      call.meta = bridge.envelope();
      call.params = params;
      line = bridge.wrap(call.id, call.method, params);
    }
    await send(session, call, line, params);
  };

  const fromEditor = (message: RpcMessage, parsed: unknown, line: string) => {
    if (message.kind === 'request') {
      const call = calls.open(message.id, message.method, message.params, line.length);
      if (!call) return;
      const handled = handleRequest(call, line, message.params).catch((error: unknown) => {
        void calls.fail(call, { code: RPC_ERRORS.internal, cause: 'internal', message: `tokentray: internal error: ${errorMessage(error)}` });
      });
      if (call.method === 'initialize') gates.afterInitialize(handled);
      return;
    }
    if (message.kind === 'response' && setup.session?.bridge?.takeAnswer(message.id, parsed)) return;
    // 2026-07-28 has no client notifications over HTTP: closing the request's stream is the cancellation.
    if (message.kind === 'notification' && message.method === 'notifications/cancelled') {
      const cancelled = calls.cancel(message.params?.requestId);
      if (cancelled && isModern(cancelled.version)) return;
    }
    const notification = message.kind === 'notification' ? message : null;
    forwarder.forward(line, notification?.method, notification?.params);
  };

  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const shutdown = async () => {
    if (pipe.isClosed) return;
    pipe.close();
    calls.close();
    resolveDone(await setup.close(log));
  };

  /** The editor closed stdin: every request read so far is still answered, notifications on their way get FLUSH_MS, then the proxy exits. */
  const drain = async () => {
    await calls.drained();
    await forwarder.flush(FLUSH_MS);
  };

  pipe.open({
    message: fromEditor,
    end: () => void setup.ready.then(drain).then(shutdown),
    broken: () => void shutdown(),
  });
  return { done, stop: () => void shutdown() };
}
