/**
 * The settings window's hardening as plain data (Electron security checklist items 2–14), kept out of
 * window.ts so tests can check every flag without Electron.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** webPreferences every tokentray window uses; window.ts adds only the preload path. */
export const HARDENED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  devTools: true,
} satisfies WebPreferences);

/** The full webPreferences for the settings window. */
export function settingsWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  // DevTools stay available while developing; a packaged build has no way to open them.
  return { ...HARDENED_WEB_PREFERENCES, devTools: !isPackaged, preload: preloadPath };
}

/** Window options apart from webPreferences: hidden until ready, no menu bar. */
export const SETTINGS_WINDOW_OPTIONS = Object.freeze({
  width: 880,
  height: 640,
  minWidth: 640,
  minHeight: 480,
  show: false,
  autoHideMenuBar: true,
  title: 'tokentray',
} satisfies BrowserWindowConstructorOptions);

/** The page's policy: our own files only, no plugins, no framing, no forms posting elsewhere. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Response headers with our CSP added (replacing any the server sent). */
export function withCspHeader(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {})
    .filter(([key]) => key.toLowerCase() !== 'content-security-policy')
    .map(([key, value]) => [key, Array.isArray(value) ? value : [value]]);
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** The CSP a page declares in a <meta http-equiv> tag, or null; file:// pages get no headers, so the tag must be there. */
export function metaCsp(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    const content = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/i.exec(tag);
    return content ? (content[1] ?? content[2] ?? null) : null;
  }
  return null;
}

/** True when a CSP restricts default-src to 'self' (or tighter) and allows no inline or eval scripts. */
export function isStrictCsp(policy: string | null): boolean {
  if (!policy) return false;
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name!.toLowerCase(), values]));
  const defaults = directives.get('default-src');
  if (!defaults || !defaults.every((v) => v === "'self'" || v === "'none'")) return false;
  const scripts = directives.get('script-src') ?? defaults;
  return !scripts.some((v) => v === "'unsafe-inline'" || v === "'unsafe-eval'" || v === '*');
}

/** Permissions the window may be granted: none (no camera, notifications from the page, clipboard, …). */
export function allowPermission(_permission: string): boolean {
  return false;
}
