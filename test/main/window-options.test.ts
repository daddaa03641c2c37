import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allowPermission,
  CONTENT_SECURITY_POLICY,
  HARDENED_WEB_PREFERENCES,
  isStrictCsp,
  metaCsp,
  SETTINGS_WINDOW_OPTIONS,
  settingsWebPreferences,
  withCspHeader,
} from '../../electron/main/window-options';

describe('settings window hardening', () => {
  it('has every hardening flag of Electron\'s security checklist', () => {
    expect(HARDENED_WEB_PREFERENCES).toMatchObject({
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
    });
    expect(HARDENED_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(Object.isFrozen(HARDENED_WEB_PREFERENCES)).toBe(true);
  });

  it('the window\'s full webPreferences keep every flag, add the preload, and drop DevTools when packaged', () => {
    const packaged = settingsWebPreferences('/app/dist/preload/preload.js', true);
    expect(packaged).toMatchObject({ ...HARDENED_WEB_PREFERENCES, devTools: false, preload: '/app/dist/preload/preload.js' });
    expect(settingsWebPreferences('/p.js', false).devTools).toBe(true);
    expect(SETTINGS_WINDOW_OPTIONS).not.toHaveProperty('webPreferences');
    expect(SETTINGS_WINDOW_OPTIONS.show).toBe(false);
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) expect(allowPermission(permission)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('our policy is strict', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'self'")).toBe(true);
    expect(isStrictCsp(CONTENT_SECURITY_POLICY)).toBe(true);
  });

  it('the header replaces any policy the server sent and keeps the other headers', () => {
    expect(withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('reads a meta tag and tells strict policies from weak ones', () => {
    expect(metaCsp(`<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head>`)).toBe("default-src 'self'");
    expect(metaCsp('<head><title>x</title></head>')).toBeNull();
    expect(isStrictCsp(null)).toBe(false);
    expect(isStrictCsp('default-src *')).toBe(false);
    expect(isStrictCsp("default-src 'self'; script-src 'self' 'unsafe-inline'")).toBe(false);
    expect(isStrictCsp("default-src 'self' 'unsafe-eval'")).toBe(false);
    expect(isStrictCsp("script-src 'self'")).toBe(false);
    expect(isStrictCsp("default-src 'none'; script-src 'self'; style-src 'self'")).toBe(true);
  });

  // file:// pages get no response headers: the settings page must carry the policy itself.
  it.skipIf(!existsSync('renderer/index.html'))('the settings page (renderer/index.html) declares a strict CSP meta tag', () => {
    expect(isStrictCsp(metaCsp(readFileSync('renderer/index.html', 'utf8')))).toBe(true);
  });
});
