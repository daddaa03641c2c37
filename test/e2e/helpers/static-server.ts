import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME, appProtocolResponse } from '../../../electron/main/app-protocol';

/** A running static server for the built renderer. */
export interface StaticServer {
  url: string;
  /** Paths the page asked for that do not exist (a broken build shows up here). */
  misses: string[];
  close(): Promise<void>;
}

/**
 * Serves a copy of `root` (dist/renderer) on 127.0.0.1 through the app's own app:// handler
 * (electron/main/app-protocol.ts), so the page gets exactly the files and the CSP header the
 * Electron window gets. A copy, because a build running meanwhile empties dist/renderer first.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = mkdtempSync(join(tmpdir(), 'tokentray-renderer-'));
  cpSync(resolve(root), base, { recursive: true });
  const misses: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // Chromium asks every http origin for a favicon; the app's origin never does.
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    void appProtocolResponse(base, { url: `${APP_SCHEME}://${APP_HOST}${path}`, method: req.method ?? 'GET' }).then(async (answer) => {
      if (answer.status === 404) misses.push(path);
      res.writeHead(answer.status, Object.fromEntries(answer.headers.entries())).end(Buffer.from(await answer.arrayBuffer()));
    });
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
