import type { JsonRpcId } from './jsonrpc';
import { CLIENT_CAPABILITIES_META, CLIENT_INFO_META, LATEST_HANDSHAKE_VERSION, PROTOCOL_VERSION_META, SERVER_INFO_META, HANDSHAKE_VERSIONS } from './protocol-era';

const LOG_LEVEL_META = 'io.modelcontextprotocol/logLevel';

/** An editor's answer to a request the proxy sent it. */
type EditorAnswer = { result?: unknown; error?: { message?: unknown } };

/** A 2026-07-28 result that asks the client for input first (MRTR). */
export interface InputRequired {
  resultType: 'input_required';
  inputRequests?: Record<string, { method: string; params?: unknown }>;
  requestState?: string;
}

/** Whether a parsed response's result is an InputRequiredResult. */
export function inputRequired(parsed: unknown): InputRequired | null {
  const result = (parsed as { result?: { resultType?: unknown } }).result;
  return result?.resultType === 'input_required' ? (result as InputRequired) : null;
}

/**
 * A 2025-era editor (initialize, a session, server→client requests) in front of a server that speaks
 * only 2026-07-28 (per-request `_meta`, MRTR). The editor's `initialize` becomes `server/discover`;
 * every later request carries the `_meta` envelope its initialize described; an InputRequiredResult
 * becomes requests to the editor (elicitation, sampling, roots) whose answers go back as
 * `inputResponses` on a retry. Notifications from the editor have no 2026-07-28 meaning over HTTP
 * and are not posted (cancellation closes the request's stream); list-changed notifications
 * (`subscriptions/listen`) are not bridged.
 */
export class EraBridge {
  private readonly meta: Record<string, unknown>;
  private readonly awaiting = new Map<string, (answer: EditorAnswer) => void>();
  private asked = 0;

  constructor(
    /** The revision spoken upstream. */
    readonly version: string,
    private readonly initParams: Record<string, unknown> | undefined,
  ) {
    this.meta = {
      [PROTOCOL_VERSION_META]: version,
      [CLIENT_INFO_META]: initParams?.clientInfo ?? { name: 'tokentray', version: '1' },
      [CLIENT_CAPABILITIES_META]: initParams?.capabilities ?? {},
    };
  }

  /** The envelope every bridged request carries. */
  envelope(): Record<string, unknown> {
    return this.meta;
  }

  /** A request line for upstream: the params with the envelope in `_meta` (the request's own `_meta` keys kept). */
  wrap(id: JsonRpcId, method: string, params: Record<string, unknown> | undefined): string {
    const own = params?._meta as Record<string, unknown> | undefined;
    return JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: { ...this.meta, ...own } } });
  }

  /** The InitializeResult the editor gets, made from the server's DiscoverResult. */
  initializeResult(discover: Record<string, unknown>): Record<string, unknown> {
    const asked = this.initParams?.protocolVersion;
    const meta = discover._meta as Record<string, unknown> | undefined;
    return {
      protocolVersion: typeof asked === 'string' && (HANDSHAKE_VERSIONS as readonly string[]).includes(asked) ? asked : LATEST_HANDSHAKE_VERSION,
      capabilities: discover.capabilities ?? {},
      serverInfo: meta?.[SERVER_INFO_META] ?? { name: 'unnamed 2026-07-28 server', version: '' },
      ...(typeof discover.instructions === 'string' && { instructions: discover.instructions }),
    };
  }

  /** Requests the bridge answers itself (2026-07-28 has no ping; the log level travels in `_meta`), else null. */
  answerLocally(method: string, params: Record<string, unknown> | undefined): Record<string, unknown> | null {
    if (method === 'ping') return {};
    if (method === 'logging/setLevel' && typeof params?.level === 'string') {
      this.meta[LOG_LEVEL_META] = params.level;
      return {};
    }
    return null;
  }

  /**
   * Sends the server's input requests to the editor and resolves with its answers by key, or with the
   * first error the editor answered.
   */
  async ask(requests: NonNullable<InputRequired['inputRequests']>, send: (line: string) => void): Promise<{ responses: Record<string, unknown> } | { error: string }> {
    const responses: Record<string, unknown> = {};
    const answers = Object.entries(requests).map(async ([key, request]) => {
      const id = `tokentray-input-${++this.asked}`;
      const answer = await new Promise<EditorAnswer>((resolve) => {
        this.awaiting.set(id, resolve);
        send(JSON.stringify({ jsonrpc: '2.0', id, method: request.method, ...(request.params !== undefined && { params: request.params }) }));
      });
      if (answer.error) throw new Error(`the editor refused the server's ${request.method}: ${String(answer.error.message ?? 'error')}`);
      responses[key] = answer.result;
    });
    try {
      await Promise.all(answers);
      return { responses };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  /** An answer from the editor to a request the bridge sent: taken here (true), never posted upstream. */
  takeAnswer(id: JsonRpcId | null, parsed: unknown): boolean {
    const resolve = typeof id === 'string' ? this.awaiting.get(id) : undefined;
    if (!resolve) return false;
    this.awaiting.delete(id as string);
    resolve(parsed as EditorAnswer);
    return true;
  }
}
