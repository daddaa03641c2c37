import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The CSP the Electron window applies to the settings page; the E2E server sends the same header. */
export const APP_CSP = "default-src 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A running static server for the built renderer. */
export interface StaticServer {
  url: string;
  /** Paths the page asked for that do not exist (a broken build shows up here). */
  misses: string[];
  close(): Promise<void>;
}

/**
 * Serves a copy of `root` (dist/renderer) on 127.0.0.1 with the app's CSP on every response. A copy,
 * because a build running meanwhile (another test run) empties dist/renderer before refilling it.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = mkdtempSync(join(tmpdir(), 'tokentray-renderer-'));
  cpSync(resolve(root), base, { recursive: true });
  const misses: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    const headers = { 'content-security-policy': APP_CSP, 'cache-control': 'no-store' };
    // Chromium asks every http origin for a favicon; the app loads over file:// and never does.
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => {
        misses.push(path);
        res.writeHead(404, headers).end();
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    misses,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(base, { recursive: true, force: true });
          done();
        });
      }),
  };
}
