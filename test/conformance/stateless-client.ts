// The conformance driver's 2026-07-28 client (the SDK client has no stateless mode yet): no
// initialize, `_meta` with the version and the client's capabilities on every request, version
// negotiation on -32022, and the client side of SEP-2243 (tools whose x-mcp-header annotations are
// invalid are left out). Over HTTP (`direct`) it also does what the revision asks of an HTTP client:
// MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* headers. Over stdio (`proxy`) it sends
// the same JSON-RPC lines to `tokentray mcp`, and the headers are tokentray's job.
// Node runs this file directly (type stripping): packages only, erasable TypeScript only.
import { spawn } from 'node:child_process';

type Json = Record<string, unknown>;
type ToolDef = { name: string; inputSchema?: { properties?: Record<string, Json>; required?: string[] } };

/** How requests travel: one POST each, or one line each way on a child's stdio. */
export interface Wire {
  send(message: Json, headers: Record<string, string>): Promise<Json>;
  close(): Promise<void>;
}

/** One POST per request to `url`, with the headers the client computed. */
export function httpWire(url: string): Wire {
  return {
    async send(message, headers) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(message),
      });
      if (response.status === 202 || response.status === 204) return { result: {} };
      return (await response.json()) as Json;
    },
    close: async () => undefined,
  };
}

/** Newline-delimited JSON-RPC with `command args…` (headers are the child's business). */
export function stdioWire(command: string, args: string[]): Wire {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = new Map<unknown, (m: Json) => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const m = JSON.parse(buffered.slice(0, nl)) as Json;
      buffered = buffered.slice(nl + 1);
      waiting.get(m.id)?.(m);
    }
  });
  return {
    send: (message) =>
      new Promise((resolve, reject) => {
        waiting.set(message.id, resolve);
        void exited.then((code) => reject(new Error(`${command} exited (${code}) before answering ${String(message.method)}`)));
        child.stdin.write(`${JSON.stringify(message)}\n`);
      }),
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE = new Set(['string', 'integer', 'boolean']); // not number: a float has no one text form

/** SEP-2243: a tool's parameter → header name map, or null when an x-mcp-header is invalid (the tool is left out). */
export function headerParams(tool: ToolDef): Map<string, string> | null {
  const plan = new Map<string, string>();
  const seen = new Set<string>();
  for (const [param, schema] of Object.entries(tool.inputSchema?.properties ?? {})) {
    if (!('x-mcp-header' in schema)) continue;
    const name = schema['x-mcp-header'];
    if (typeof name !== 'string' || !TOKEN.test(name) || seen.has(name.toLowerCase()) || !PRIMITIVE.has(String(schema.type))) return null;
    seen.add(name.toLowerCase());
    plan.set(param, name);
  }
  return plan;
}

/** A header value as SEP-2243 encodes it: plain when safe ASCII, else `=?base64?…?=`. */
export function headerValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  const safe = /^[\x20-\x7e]*$/.test(text) && text === text.trim();
  return safe ? text : `=?base64?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

const CLIENT_META = {
  'io.modelcontextprotocol/clientInfo': { name: 'tokentray-conformance-client', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': { roots: {}, sampling: {}, elicitation: {} },
};

/** A 2026-07-28 client session over `wire`; `http` adds the headers an HTTP client owes. */
export function statelessClient(wire: Wire, version: string, http: boolean) {
  let active = version;
  let id = 0;
  const tools = new Map<string, Map<string, string>>();
  const headers = (method: string, params: Json): Record<string, string> => {
    if (!http) return {};
    const name = method === 'tools/call' || method === 'prompts/get' ? params.name : method === 'resources/read' ? params.uri : undefined;
    const out: Record<string, string> = { 'mcp-protocol-version': active, 'mcp-method': method, ...(typeof name === 'string' && { 'mcp-name': name }) };
    const plan = method === 'tools/call' ? tools.get(String(params.name)) : undefined;
    for (const [param, header] of plan ?? []) {
      const value = headerValue((params.arguments as Json | undefined)?.[param]);
      if (value !== undefined) out[`mcp-param-${header.toLowerCase()}`] = value;
    }
    return out;
  };
  const request = async (method: string, params: Json = {}): Promise<Json> => {
    const build = () => ({ jsonrpc: '2.0', id: ++id, method, params: { ...params, _meta: { ...CLIENT_META, 'io.modelcontextprotocol/protocolVersion': active } } });
    let answer = await wire.send(build(), headers(method, params));
    const error = answer.error as { code?: number; data?: { supported?: string[] } } | undefined;
    const both = error?.code === -32022 ? [version, '2026-07-28', '2025-11-25'].find((v) => error.data?.supported?.includes(v)) : undefined;
    if (both) {
      active = both; // UnsupportedProtocolVersion: once more with a version both sides speak
      answer = await wire.send(build(), headers(method, params));
    }
    if (answer.error) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return (answer.result ?? {}) as Json;
  };
  /** tools/list, keeping only the tools whose x-mcp-header annotations are valid. */
  const listTools = async (): Promise<ToolDef[]> => {
    const { tools: listed = [] } = (await request('tools/list')) as { tools?: ToolDef[] };
    const usable = listed.filter((tool) => {
      const plan = headerParams(tool);
      if (plan) tools.set(tool.name, plan);
      return plan !== null;
    });
    return usable;
  };
  return { request, listTools };
}

/** Arguments a tool's required parameters accept (for tools a scenario lists without saying what to send). */
function sampleArguments(tool: ToolDef): Json {
  const samples: Record<string, unknown> = { string: 'us-west1', number: 1, integer: 1, boolean: true };
  return Object.fromEntries((tool.inputSchema?.required ?? []).map((p) => [p, samples[String(tool.inputSchema?.properties?.[p]?.type)] ?? 'x']));
}

/** Fills every input request of an input_required result (SEP-2322) with an accepting answer. */
function inputResponses(result: Json): Json {
  return Object.fromEntries(Object.keys((result.inputRequests as Json | undefined) ?? {}).map((key) => [key, { action: 'accept', content: { confirmed: true } }]));
}

/** What the suite's example client does in each 2026-07-28 scenario. */
export async function runStatelessScenario(scenario: string, client: ReturnType<typeof statelessClient>, context: Json): Promise<void> {
  const { request, listTools } = client;
  const first = <T>(list: unknown): T | undefined => (Array.isArray(list) ? (list[0] as T) : undefined);
  switch (scenario) {
    case 'request-metadata':
      await request('server/discover');
      await request('tools/list');
      return;
    case 'tools_call': {
      const tool = first<ToolDef>(await listTools());
      if (tool) await request('tools/call', { name: tool.name, arguments: { a: 2, b: 3 } });
      return;
    }
    case 'json-schema-ref-no-deref':
      await listTools();
      return;
    case 'json-schema-2020-12-preservation': {
      const focal = (await listTools()).find((t) => t.name === 'json_schema_2020_12_tool');
      if (!focal) throw new Error('json_schema_2020_12_tool is not listed');
      await request('tools/call', { name: 'json_schema_echo', arguments: { schema: focal.inputSchema } });
      return;
    }
    case 'http-standard-headers': {
      const tool = first<ToolDef>(await listTools());
      if (tool) await request('tools/call', { name: tool.name, arguments: sampleArguments(tool) });
      const resource = first<{ uri: string }>((await request('resources/list')).resources);
      if (resource) await request('resources/read', { uri: resource.uri });
      const prompt = first<{ name: string }>((await request('prompts/list')).prompts);
      if (prompt) await request('prompts/get', { name: prompt.name, arguments: {} });
      return;
    }
    case 'http-custom-headers':
    case 'http-invalid-tool-headers': {
      const usable = await listTools();
      const given = (context.toolCalls as Array<{ name: string; arguments: Json }> | undefined) ?? usable.map((t) => ({ name: t.name, arguments: sampleArguments(t) }));
      for (const call of given) if (usable.some((t) => t.name === call.name)) await request('tools/call', { name: call.name, arguments: call.arguments });
      return;
    }
    case 'sep-2322-client-request-state': {
      await listTools();
      const echo = await request('tools/call', { name: 'test_mrtr_echo_state', arguments: {} });
      if (echo.resultType === 'input_required') {
        await request('tools/call', { name: 'test_mrtr_unrelated', arguments: {} }); // must not carry the state over
        await request('tools/call', { name: 'test_mrtr_echo_state', arguments: {}, inputResponses: inputResponses(echo), ...(echo.requestState !== undefined && { requestState: echo.requestState }) });
      }
      const noState = await request('tools/call', { name: 'test_mrtr_no_state', arguments: {} });
      if (noState.resultType === 'input_required') await request('tools/call', { name: 'test_mrtr_no_state', arguments: {}, inputResponses: inputResponses(noState) });
      await request('tools/call', { name: 'test_mrtr_no_result_type', arguments: {} }); // complete by default: no retry
      return;
    }
    default:
      throw new Error(`no 2026-07-28 handler for scenario ${scenario}`);
  }
}
