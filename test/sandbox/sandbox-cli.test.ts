import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SANDBOX_BIN = resolve(__dirname, '../../dist/sandbox/sandbox.js');

describe('npm run sandbox (dist/sandbox/sandbox.js)', () => {
  it('prints its loopback URL and a PAT that works, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [SANDBOX_BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const banner = await new Promise<string>((resolvePromise, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Ctrl-C')) resolvePromise(out);
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${out}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const pat = /^\s+(mootup_pat_[0-9a-f]{60})$/m.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(pat).toBeDefined();
    const me = await fetch(`${url}/api/actors/me`, { headers: { authorization: `Bearer ${pat}` } });
    expect(await me.json()).toMatchObject({ display_name: 'Alice Sandbox', actor_type: 'human' });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
