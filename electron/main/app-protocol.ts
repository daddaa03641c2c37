/**
 * The settings page's own origin, app://tokentray/, instead of file:// (Electron's security checklist):
 * the CSP reaches the page as a header, the page has a real origin, and the
 * GrantFileProtocolExtraPrivileges fuse can be off. Files come from dist/renderer only; any path that
 * leaves it is refused.
 */
import type { Protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './window-options';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tokentray';
/** The URL the settings window loads. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Headers every answer carries: our CSP, no sniffing, no caching of a page that changes with the app. */
function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...extra };
}

/** What one app:// request is answered with: a file of `root`, or 404/403/405 with no body worth reading. */
export async function appProtocolResponse(root: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: headers() });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response(null, { status: 400, headers: headers() });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 403, headers: headers() });
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return new Response(null, { status: 400, headers: headers() });
  }
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  // Decoded paths may climb out (%2e%2e%2f…); a symlink inside may point out: both are refused.
  if (path.includes('\0') || !file.startsWith(base + sep)) return new Response(null, { status: 403, headers: headers() });
  let body: Buffer;
  try {
    const real = await realpath(file);
    const realBase = await realpath(base);
    if (!real.startsWith(realBase + sep)) return new Response(null, { status: 403, headers: headers() });
    body = await readFile(real);
  } catch {
    return new Response(null, { status: 404, headers: headers() });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers({ 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }) });
}

/** Before the app is ready: app:// is a standard, secure scheme (module scripts, fetch, a real origin). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Once ready: serve app:// from `root` (dist/renderer). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(root, request));
}
