/** The app:// handler on real files: the built page with the CSP header, and nothing outside its folder. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appProtocolResponse } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-options';

function site() {
  const root = mkdtempSync(join(tmpdir(), 'tokentray-app-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(renderer, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  return renderer;
}

const get = async (root: string, url: string, method = 'GET') => {
  const response = await appProtocolResponse(root, { url, method });
  return { status: response.status, csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type'), body: await response.text() };
};

describe('app:// protocol', () => {
  it('serves the page and its assets with our CSP, no sniffing, no cache', async () => {
    const root = site();
    expect(await get(root, APP_PAGE_URL)).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8', body: '<!doctype html><title>t</title>' });
    expect(await get(root, 'app://tokentray/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get(root, 'app://tokentray/assets/index.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8', body: 'body{}' });
    const response = await appProtocolResponse(root, { url: APP_PAGE_URL, method: 'GET' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses every way out of the folder: encoded slashes and dots, a symlink, a NUL, another host, another method', async () => {
    const root = site();
    for (const url of ['app://tokentray/..%2fsecret.txt', 'app://tokentray/assets/..%2f..%2fsecret.txt', 'app://tokentray/%2e%2e%2fsecret.txt', 'app://tokentray/assets/link.txt', 'app://tokentray/index.html%00.png', 'app://other/index.html']) {
      const answer = await get(root, url);
      expect(answer.status, url).toBe(403);
      expect(answer.body, url).toBe('');
      expect(answer.csp, url).toBe(CONTENT_SECURITY_POLICY);
    }
    // The URL parser folds plain dot segments before we see them: they stay inside the folder.
    expect((await get(root, 'app://tokentray/../secret.txt')).status).toBe(404);
    expect((await get(root, 'app://tokentray/missing.js')).status).toBe(404);
    expect((await get(root, 'app://tokentray/%E0%A4%A')).status).toBe(400);
    expect((await get(root, APP_PAGE_URL, 'POST')).status).toBe(405);
  });
});
