import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { IPC_CHANNELS, RENDERER_READY_EVENT, STATE_UPDATE_EVENT } from '../../shared/ipc';
import type { IpcHandlers } from '../../electron/core/app/ipc-handlers';
import { createCoreWorld } from '../helpers/core-world';
import { createCoreApp } from '../helpers/invoke';
import { guardedDispatch, isTrustedSender, settingsPageUrl, UNTRUSTED_SENDER_RESPONSE, type ExpectedSender, type SenderFrame } from '../../electron/main/ipc-guard';

// The page the window loads (app-protocol.ts); the file:// form is kept for a dev build that loads the file directly.
const PAGE = 'app://tokentray/index.html';
const expected: ExpectedSender = { webContentsId: 7, pageUrl: PAGE };
const ours: SenderFrame = { url: PAGE, isTopFrame: true, webContentsId: 7 };

describe('isTrustedSender', () => {
  it('trusts our window\'s top frame on our own page, including hash routes', () => {
    expect(isTrustedSender(ours, expected)).toBe(true);
    expect(isTrustedSender({ ...ours, url: `${PAGE}#/profiles` }, expected)).toBe(true);
  });

  it('refuses another webContents, or any sender before our window exists', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, expected)).toBe(false);
    expect(isTrustedSender(ours, { ...expected, webContentsId: null })).toBe(false);
  });

  it('refuses a subframe, even one showing our page, and a frame that is gone', () => {
    expect(isTrustedSender({ ...ours, isTopFrame: false }, expected)).toBe(false);
    expect(isTrustedSender({ ...ours, url: null }, expected)).toBe(false);
  });

  it('refuses other pages and origins', () => {
    for (const url of [
      'app://tokentray/other.html',
      'app://evil/index.html',
      'file:///opt/tokentray/resources/app.asar/dist/renderer/index.html',
      'file:///tmp/index.html',
      'https://evil.example/index.html',
      'http://127.0.0.1:5173/',
      'data:text/html,<script>1</script>',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...ours, url }, expected), url).toBe(false);
    }
  });

  it('with a dev server, trusts its origin only (not a look-alike host or another port)', () => {
    const dev: ExpectedSender = { webContentsId: 7, pageUrl: 'http://127.0.0.1:5173/' };
    expect(isTrustedSender({ ...ours, url: 'http://127.0.0.1:5173/#/agents' }, dev)).toBe(true);
    expect(isTrustedSender({ ...ours, url: 'http://127.0.0.1:5174/' }, dev)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'http://127.0.0.1.evil.example:5173/' }, dev)).toBe(false);
    expect(isTrustedSender({ ...ours, url: PAGE }, dev)).toBe(false);
  });
});

describe('isTrustedSender for a file:// page', () => {
  it('trusts the very same file only', () => {
    const file = 'file:///opt/tokentray/resources/app.asar/dist/renderer/index.html';
    const fileExpected: ExpectedSender = { webContentsId: 7, pageUrl: file };
    expect(isTrustedSender({ ...ours, url: `${file}#/x` }, fileExpected)).toBe(true);
    expect(isTrustedSender({ ...ours, url: 'file:///tmp/index.html' }, fileExpected)).toBe(false);
    expect(isTrustedSender({ ...ours, url: PAGE }, fileExpected)).toBe(false);
  });
});

describe('settingsPageUrl', () => {
  it('uses the dev server only when TOKENTRAY_DEV_URL is a loopback http URL', () => {
    expect(settingsPageUrl({}, PAGE)).toBe(PAGE);
    expect(settingsPageUrl({ TOKENTRAY_DEV_URL: 'http://127.0.0.1:5173' }, PAGE)).toBe('http://127.0.0.1:5173/');
    expect(settingsPageUrl({ TOKENTRAY_DEV_URL: 'http://localhost:5173/' }, PAGE)).toBe('http://localhost:5173/');
    expect(settingsPageUrl({ TOKENTRAY_DEV_URL: 'https://evil.example/' }, PAGE)).toBe(PAGE);
    expect(settingsPageUrl({ TOKENTRAY_DEV_URL: 'garbage' }, PAGE)).toBe(PAGE);
  });
});

describe('guardedDispatch over the real core handler table', () => {
  let handlers: IpcHandlers;
  let opened: string[];
  beforeEach(() => {
    opened = [];
    ({ handlers } = createCoreApp(createCoreWorld().ctx, {
      build: async () => ({ ...EMPTY_APP_STATE, refreshed_at: new Date().toISOString() }),
      pickFolder: async () => '/home/me/project',
      openExternal: async (url) => void opened.push(url),
    }));
  });

  it('answers a trusted, well-formed call', async () => {
    expect(await guardedDispatch(handlers, ours, expected, 'workspace:pick', {})).toEqual({ dir: '/home/me/project' });
    expect(await guardedDispatch(handlers, ours, expected, 'state:get', {})).toEqual(EMPTY_APP_STATE);
  });

  it('refuses a wrong sender before running anything', async () => {
    const evil = { ...ours, url: 'https://evil.example/' };
    expect(await guardedDispatch(handlers, evil, expected, 'app:open-external', { url: 'https://example.com/' })).toEqual(UNTRUSTED_SENDER_RESPONSE);
    expect(await guardedDispatch(handlers, { ...ours, isTopFrame: false }, expected, 'workspace:pick', {})).toEqual(UNTRUSTED_SENDER_RESPONSE);
    expect(opened).toEqual([]);
  });

  it('refuses a malformed payload with a message naming the field', async () => {
    const result = (await guardedDispatch(handlers, ours, expected, 'profile:remove', { name: 'Not A Slug!' })) as { ok: boolean; code: string; message: string };
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(result.message).toContain('invalid profile:remove request: name:');
    const extra = await guardedDispatch(handlers, ours, expected, 'workspace:pick', { dir: '/etc' });
    expect(extra).toMatchObject({ ok: false, code: 'invalid_input' });
    const wrongType = await guardedDispatch(handlers, ours, expected, 'agents:takeover', { actor_id: 'a1', force: 'yes' });
    expect(wrongType).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('refuses an unknown channel', async () => {
    expect(await guardedDispatch(handlers, ours, expected, 'shell:exec', { cmd: 'rm -rf /' })).toEqual({ ok: false, code: 'invalid_input', message: 'unknown IPC channel "shell:exec"' });
    expect(await guardedDispatch(handlers, ours, expected, 42, {})).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('opens only https links, whatever the renderer asks', async () => {
    expect(await guardedDispatch(handlers, ours, expected, 'app:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(await guardedDispatch(handlers, ours, expected, 'app:open-external', { url: 'https://mootup.io/settings' })).toMatchObject({ ok: true });
    expect(opened).toEqual(['https://mootup.io/settings']);
  });

  it('wires every contract channel (the loop in ipc.ts registers IPC_CHANNELS, and each has a handler)', () => {
    for (const channel of IPC_CHANNELS) expect(typeof handlers[channel], channel).toBe('function');
  });
});

describe('preload', () => {
  it('exposes one API, takes its event names from the contract, and keeps zod out of the sandboxed bundle', () => {
    const source = readFileSync('electron/preload/preload.ts', 'utf8');
    expect(source).toContain("from '../../shared/ipc-events'");
    const bundle = readFileSync('dist/preload/preload.js', 'utf8');
    expect(bundle).toContain(STATE_UPDATE_EVENT);
    expect(bundle).toContain(RENDERER_READY_EVENT);
    expect(bundle).not.toMatch(/zod|ZodError/);
    expect(source).toContain("contextBridge.exposeInMainWorld('tokentray', api)");
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
