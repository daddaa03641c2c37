import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const check = (appRoot?: string) => spawnSync(process.execPath, ['scripts/electronegativity-check.mjs', ...(appRoot ? [appRoot] : [])], { encoding: 'utf8', timeout: 120_000 });

function badApp(allow: unknown[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tokentray-eneg-'));
  mkdirSync(join(root, 'dist', 'main'), { recursive: true });
  mkdirSync(join(root, 'dist', 'preload'), { recursive: true });
  mkdirSync(join(root, 'build'));
  writeFileSync(
    join(root, 'dist', 'main', 'main.js'),
    `const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n`,
  );
  writeFileSync(join(root, 'dist', 'preload', 'preload.js'), `window.x = require('electron');\n`);
  writeFileSync(join(root, 'build', 'electronegativity-allow.json'), JSON.stringify(allow));
  return root;
}

describe('scripts/electronegativity-check.mjs', () => {
  it('fails on findings that are not allowed, naming them', () => {
    const run = check(badApp([]));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FINDING  SANDBOX_JS_CHECK  dist/main/main.js:2');
    expect(run.stdout).toContain('FINDING  CONTEXT_ISOLATION_JS_CHECK  dist/main/main.js:2');
    expect(run.stdout).toMatch(/\d+ finding\(s\), 0 allowed, \d+ not allowed/);
  });

  it('refuses an allowlist entry without a written reason', () => {
    const run = check(badApp([{ check: 'SANDBOX_JS_CHECK', reason: 'ok' }]));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('every entry needs "check" and a written "reason"');
  });

  it.skipIf(!existsSync('dist/main/main.js') || !existsSync('dist/preload/preload.js'))('passes on the built app: every finding has a written reason', () => {
    const run = check();
    expect(run.stdout).toMatch(/0 not allowed/);
    expect(run.status).toBe(0);
  });
});
