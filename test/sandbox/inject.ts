import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, Reply } from './http-kit';

/** Failure injection: make the next matching request(s) fail, hang or drop, before any route runs. */

/** Which requests a rule applies to: method (any when omitted) and path (exact string or RegExp on the pathname). */
export interface Match {
  method?: string;
  path: RegExp | string;
  /** How many matching requests the rule takes (default 1). */
  times?: number;
}

type Action = { kind: 'respond'; reply: Reply } | { kind: 'echo'; reply: (req: IncomingMessage) => Reply } | { kind: 'hang' } | { kind: 'drop' };

/** What `echoAuthNext` answers with: the HTTP status, and how the quoted credentials are wrapped. */
export interface EchoRule extends Match {
  status: number;
  /**
   * The body, built from the quoted text (`Authorization: Bearer …` plus `also`). Default: the seeds'
   * error shape `{"error": "echo", "message": quoted}`; `{ detail: quoted }` is FastAPI's.
   */
  body?: (quoted: string) => unknown;
  /** More secrets the server "knows" and quotes too (e.g. an agent's key), read when the request arrives. */
  also?: () => string[];
}
interface Rule {
  match: Match;
  left: number;
  action: Action;
}

/** The test-facing API; every method returns the injector so calls can be chained. */
export interface Injector {
  /** Answer with `status` (and an error body unless `body` is given). */
  failNext(rule: Match & { status: number; body?: unknown; headers?: Record<string, string> }): Injector;
  /** Answer with anything, e.g. a redirect: `{ status: 302, headers: { location } }`. */
  respondNext(rule: Match & { status: number; body?: unknown; headers?: Record<string, string> }): Injector;
  /** Accept the request and never answer (until the sandbox closes): a hung server. */
  hangNext(rule: Match): Injector;
  /**
   * Answer with `status` and an error text that quotes the request's own Authorization header (and
   * `also`): a misbehaving server or proxy that echoes credentials. `times: Infinity` keeps it on.
   */
  echoAuthNext(rule: EchoRule): Injector;
  /** Destroy the connection without answering: a network error. */
  dropNext(rule: Match): Injector;
  /** Forget every pending rule. */
  clear(): Injector;
  /** How many injected requests are still waiting to match. */
  pending(): number;
}

/** The injector plus the server-side hook the sandbox calls for each request. */
export interface InjectorHandle {
  api: Injector;
  /** Applies the first matching rule; returns true when it handled the request. */
  intercept(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
}

function matches(match: Match, method: string, pathname: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  return typeof match.path === 'string' ? match.path === pathname : match.path.test(pathname);
}

/** Creates the injector for one sandbox. */
export function createInjector(): InjectorHandle {
  let rules: Rule[] = [];
  const add = (match: Match, action: Action): Injector => {
    rules.push({ match, left: match.times ?? 1, action });
    return api;
  };
  const respond = (rule: Match & { status: number; body?: unknown; headers?: Record<string, string> }, fallbackBody: unknown) =>
    add(rule, { kind: 'respond', reply: new Reply(rule.status, rule.body ?? fallbackBody, rule.headers) });
  const api: Injector = {
    failNext: (rule) => respond(rule, { error: 'injected', message: `injected failure (HTTP ${rule.status})` }),
    respondNext: (rule) => respond(rule, undefined),
    echoAuthNext: (rule) =>
      add(rule, {
        kind: 'echo',
        reply: (req) => {
          const quoted = [`Authorization: ${req.headers.authorization ?? '(none)'}`, ...(rule.also?.() ?? [])].join(' ');
          return new Reply(rule.status, rule.body ? rule.body(quoted) : { error: 'echo', message: `request refused (${quoted})` });
        },
      }),
    hangNext: (rule) => add(rule, { kind: 'hang' }),
    dropNext: (rule) => add(rule, { kind: 'drop' }),
    clear: () => {
      rules = [];
      return api;
    },
    pending: () => rules.reduce((sum, r) => sum + r.left, 0),
  };
  const intercept = (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    const rule = rules.find((r) => r.left > 0 && matches(r.match, req.method ?? 'GET', pathname));
    if (!rule) return false;
    rule.left -= 1;
    rules = rules.filter((r) => r.left > 0);
    // Drain the request body so a client's write never blocks on a full socket.
    req.resume();
    if (rule.action.kind === 'respond') send(res, rule.action.reply);
    else if (rule.action.kind === 'echo') send(res, rule.action.reply(req));
    else if (rule.action.kind === 'drop') req.socket.destroy();
    return true;
  };
  return { api, intercept };
}
