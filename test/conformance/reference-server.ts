// The reference MCP server of the conformance tests: the official SDK's McpServer offering what every
// server scenario of @modelcontextprotocol/conformance calls (written from the scenarios'
// expectations and the suite's examples/servers/typescript/everything-server.ts). It must pass every
// scenario directly, so that a scenario worse through the bridge or through tokentray says something
// about them, not about this server.
//   node test/conformance/reference-server.ts --stdio                   (newline-delimited JSON-RPC)
//   node test/conformance/reference-server.ts --http [--bearer-env VAR]  (prints its URL on stdout)
// Node runs this file directly (type stripping): packages only, erasable TypeScript only.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { startSessionHost } from './session-http.ts';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
type Schema = Record<string, unknown>;

/** A 1×1 red PNG and a minimal WAV, as the suite's own server sends. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });
const noArgs: Schema = { type: 'object', properties: {} };

/** SEP-1613: a raw JSON Schema 2020-12 input schema that tools/list must hand out unchanged. */
const JSON_SCHEMA_2020_12: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: { address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
  properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
  additionalProperties: false,
};

/** SEP-1034: a default for every primitive type. */
const DEFAULTS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'User name', default: 'John Doe' },
    age: { type: 'integer', description: 'User age', default: 30 },
    score: { type: 'number', description: 'User score', default: 95.5 },
    status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', description: 'Verification status', default: true },
  },
  required: [],
};

/** SEP-1330: the five enum shapes. */
const ENUMS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', description: 'Select one option', enum: ['option1', 'option2', 'option3'] },
    titledSingle: {
      type: 'string',
      description: 'Select one option with titles',
      oneOf: [
        { const: 'value1', title: 'First Option' },
        { const: 'value2', title: 'Second Option' },
        { const: 'value3', title: 'Third Option' },
      ],
    },
    legacyEnum: { type: 'string', description: 'Select one option (legacy)', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
    untitledMulti: { type: 'array', description: 'Select multiple options', minItems: 1, maxItems: 3, items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: {
      type: 'array',
      description: 'Select multiple options with titles',
      minItems: 1,
      maxItems: 3,
      items: {
        anyOf: [
          { const: 'value1', title: 'First Choice' },
          { const: 'value2', title: 'Second Choice' },
          { const: 'value3', title: 'Third Choice' },
        ],
      },
    },
  },
  required: [],
};

interface Tool {
  description: string;
  inputSchema: Schema;
  run(args: Record<string, unknown>, extra: Extra): Promise<CallToolResult>;
}

/** Asks the client for input on the call's own stream (related to the call, as the spec prefers). */
async function elicit(extra: Extra, message: string, requestedSchema: Schema, label: string): Promise<CallToolResult> {
  try {
    const result = await extra.sendRequest({ method: 'elicitation/create', params: { message, requestedSchema } } as ServerRequest, ElicitResultSchema);
    return text(`${label}: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
  } catch (error) {
    return text(`Elicitation not supported or error: ${(error as Error).message}`);
  }
}

/** Sends three notifications 50 ms apart (logging, progress), as the suite's server does. */
async function paced(extra: Extra, notifications: ServerNotification[]): Promise<void> {
  for (const [i, notification] of notifications.entries()) {
    if (i > 0) await sleep(50);
    await extra.sendNotification(notification);
  }
}

const TOOLS: Record<string, Tool> = {
  test_simple_text: { description: 'Tests simple text content response', inputSchema: noArgs, run: async () => text('This is a simple text response for testing.') },
  test_image_content: { description: 'Tests image content response', inputSchema: noArgs, run: async () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }) },
  test_audio_content: { description: 'Tests audio content response', inputSchema: noArgs, run: async () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }) },
  test_embedded_resource: {
    description: 'Tests embedded resource content response',
    inputSchema: noArgs,
    run: async () => ({ content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }] }),
  },
  test_multiple_content_types: {
    description: 'Tests response with multiple content types (text, image, resource)',
    inputSchema: noArgs,
    run: async () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) } },
      ],
    }),
  },
  test_tool_with_logging: {
    description: 'Tests tool that emits log messages during execution',
    inputSchema: noArgs,
    async run(_args, extra) {
      const log = (data: string): ServerNotification => ({ method: 'notifications/message', params: { level: 'info', data } });
      await paced(extra, [log('Tool execution started'), log('Tool processing data'), log('Tool execution completed')]);
      return text('Tool with logging executed successfully');
    },
  },
  test_tool_with_progress: {
    description: 'Tests tool that reports progress notifications',
    inputSchema: noArgs,
    async run(_args, extra) {
      const progressToken = extra._meta?.progressToken ?? 0;
      const step = (progress: number): ServerNotification => ({ method: 'notifications/progress', params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` } });
      await paced(extra, [step(0), step(50), step(100)]);
      return text(String(progressToken));
    },
  },
  test_error_handling: {
    description: 'Tests error response handling',
    inputSchema: noArgs,
    run: async () => ({ isError: true, content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }] }),
  },
  test_reconnection: {
    description: 'Closes the SSE stream mid-call (SEP-1699); the result comes after the client reconnects',
    inputSchema: noArgs,
    async run(_args, extra) {
      extra.closeSSEStream?.(); // over stdio there is no stream to close
      await sleep(100);
      return text('Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.');
    },
  },
  test_sampling: {
    description: 'Tests server-initiated sampling (LLM completion request)',
    inputSchema: { type: 'object', properties: { prompt: { type: 'string', description: 'The prompt to send to the LLM' } }, required: ['prompt'] },
    async run(args, extra) {
      try {
        const params = { messages: [{ role: 'user', content: { type: 'text', text: String(args.prompt) } }], maxTokens: 100 };
        const result = await extra.sendRequest({ method: 'sampling/createMessage', params } as ServerRequest, CreateMessageResultSchema);
        const content = result.content as { text?: string };
        return text(`LLM response: ${content.text ?? 'No response'}`);
      } catch (error) {
        return text(`Sampling not supported or error: ${(error as Error).message}`);
      }
    },
  },
  test_elicitation: {
    description: 'Tests server-initiated elicitation (user input request)',
    inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'The message to show the user' } }, required: ['message'] },
    run: (args, extra) =>
      elicit(extra, String(args.message), { type: 'object', properties: { response: { type: 'string', description: "User's response" } }, required: ['response'] }, 'User response'),
  },
  test_elicitation_sep1034_defaults: {
    description: 'Tests elicitation with default values per SEP-1034',
    inputSchema: noArgs,
    run: (_args, extra) => elicit(extra, 'Please review and update the form fields with defaults', DEFAULTS_SCHEMA, 'Elicitation completed'),
  },
  test_elicitation_sep1330_enums: {
    description: 'Tests elicitation with enum schema improvements per SEP-1330',
    inputSchema: noArgs,
    run: (_args, extra) => elicit(extra, 'Please select options from the enum fields', ENUMS_SCHEMA, 'Elicitation completed'),
  },
  json_schema_2020_12_tool: {
    description: 'Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)',
    inputSchema: JSON_SCHEMA_2020_12,
    run: async (args) => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
  },
};

/** One McpServer per session: tools (by hand, so schemas go out as written), resources, prompts, logging, completion. */
export function createReferenceServer(): McpServer {
  const mcp = new McpServer(
    { name: 'tokentray-conformance-reference', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, prompts: { listChanged: true }, logging: {}, completions: {} } },
  );
  const server = mcp.server;
  const log = (data: string) => void server.sendLoggingMessage({ level: 'info', logger: 'reference-server', data }).catch(() => undefined);

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: Object.entries(TOOLS).map(([name, tool]) => ({ name, description: tool.description, inputSchema: tool.inputSchema as { type: 'object' } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = TOOLS[request.params.name];
    if (!tool) return { isError: true, content: [{ type: 'text', text: `Unknown tool: ${request.params.name}` }] };
    return tool.run(request.params.arguments ?? {}, extra);
  });

  const resource = (uri: string, mimeType: string, body: { text: string } | { blob: string }) => async () => ({ contents: [{ uri, mimeType, ...body }] });
  mcp.registerResource('static-text', 'test://static-text', { title: 'Static Text Resource', mimeType: 'text/plain' }, resource('test://static-text', 'text/plain', { text: 'This is the content of the static text resource.' }));
  mcp.registerResource('static-binary', 'test://static-binary', { title: 'Static Binary Resource', mimeType: 'image/png' }, resource('test://static-binary', 'image/png', { blob: PNG }));
  mcp.registerResource('watched-resource', 'test://watched-resource', { title: 'Watched Resource', mimeType: 'text/plain' }, resource('test://watched-resource', 'text/plain', { text: 'Watched resource content' }));
  mcp.registerResource('template', new ResourceTemplate('test://template/{id}/data', { list: undefined }), { title: 'Resource Template', mimeType: 'application/json' }, async (uri, { id }) => ({
    contents: [{ uri: uri.toString(), mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${String(id)}` }) }],
  }));
  const subscriptions = new Set<string>();
  server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    subscriptions.add(request.params.uri);
    log(`Subscribed to resource: ${request.params.uri}`);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscriptions.delete(request.params.uri);
    log(`Unsubscribed from resource: ${request.params.uri}`);
    return {};
  });

  const user = (content: object) => ({ role: 'user' as const, content: content as { type: 'text'; text: string } });
  mcp.registerPrompt('test_simple_prompt', { title: 'Simple Test Prompt', description: 'A simple prompt without arguments' }, async () => ({
    messages: [user({ type: 'text', text: 'This is a simple prompt for testing.' })],
  }));
  mcp.registerPrompt(
    'test_prompt_with_arguments',
    { title: 'Prompt With Arguments', description: 'A prompt with required arguments', argsSchema: { arg1: z.string().describe('First test argument'), arg2: z.string().describe('Second test argument') } },
    async ({ arg1, arg2 }) => ({ messages: [user({ type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` })] }),
  );
  mcp.registerPrompt(
    'test_prompt_with_embedded_resource',
    { title: 'Prompt With Embedded Resource', description: 'A prompt that includes an embedded resource', argsSchema: { resourceUri: z.string().describe('URI of the resource to embed') } },
    async ({ resourceUri }) => ({
      messages: [
        user({ type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } }),
        user({ type: 'text', text: 'Please process the embedded resource above.' }),
      ],
    }),
  );
  mcp.registerPrompt('test_prompt_with_image', { title: 'Prompt With Image', description: 'A prompt that includes image content' }, async () => ({
    messages: [user({ type: 'image', data: PNG, mimeType: 'image/png' }), user({ type: 'text', text: 'Please analyze the image above.' })],
  }));

  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    log(`Log level set to: ${request.params.level}`);
    return {};
  });
  server.setRequestHandler(CompleteRequestSchema, async (request) => {
    const values = ['paris', 'park', 'party'].filter((v) => v.startsWith(request.params.argument.value));
    return { completion: { values, total: values.length, hasMore: false } };
  });
  return mcp;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--stdio') {
    await createReferenceServer().connect(new StdioServerTransport());
    return;
  }
  if (argv[0] === '--http') {
    const bearerEnv = argv[1] === '--bearer-env' ? argv[2] : undefined;
    const bearer = bearerEnv ? process.env[bearerEnv] : undefined;
    if (bearerEnv && !bearer) throw new Error(`${bearerEnv} is not set`);
    const host = await startSessionHost({ ...(bearer !== undefined && { bearer }), connect: (transport) => createReferenceServer().connect(transport) });
    process.stdout.write(`${host.url}\n`);
    return;
  }
  process.stderr.write('usage: reference-server.ts --stdio | --http [--bearer-env VAR]\n');
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
