#!/usr/bin/env node
// CLI cold start: median of 10 runs of `tokentray profile list` (one profile, real keychain) beside
// a bare `node -e 0`, measured in the same run. Run through scripts/with-keychain.mjs:
//   npm run bench:cli
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const RUNS = 10;
const cli = new URL('../dist/cli/tokentray.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'tokentray-bench-'));
const env = { ...process.env, TOKENTRAY_HOME: home, TOKENTRAY_KEYCHAIN_SERVICE: `tokentray-bench-${randomBytes(4).toString('hex')}` };
const token = `mootup_pat_${randomBytes(30).toString('hex')}`;
const added = spawnSync(process.execPath, [cli, 'profile', 'add', 'bench', '--kind', 'mootup', '--url', 'https://mootup.io'], { env, input: token });
if (added.status !== 0) {
  console.error(added.stderr.toString());
  process.exit(1);
}

function median(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
}

const baseline = median(['-e', '0']);
const rows = [
  ['node -e 0 (baseline)', baseline],
  ['tokentray --help', median([cli, '--help'])],
  ['tokentray profile list', median([cli, 'profile', 'list'])],
];
console.log(`node ${process.version}, ${RUNS} runs each, median`);
for (const [name, ms] of rows) console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / baseline).toFixed(2)}x`);
spawnSync(process.execPath, [cli, 'profile', 'remove', 'bench'], { env });
rmSync(home, { recursive: true, force: true });
