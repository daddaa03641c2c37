#!/usr/bin/env node
// What one state refresh reads: bundles scripts/refresh-world.ts, runs it under strace (when
// installed) and prints, per refresh, the opens of actors.json / workspaces.json / editor configs,
// the git runs, and the sandbox's mootup request count. Run: node scripts/with-keychain.mjs node scripts/bench-refresh.mjs
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Inside the checkout, so the bundle finds node_modules (keytar, undici).
const out = mkdtempSync(join(new URL('../dist/', import.meta.url).pathname, 'bench-refresh-'));
const bundle = join(out, 'refresh-world.js');
await build({ entryPoints: [new URL('./refresh-world.ts', import.meta.url).pathname], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron', 'keytar', 'undici'], logLevel: 'warning' });

const trace = join(out, 'trace.txt');
const hasStrace = spawnSync('strace', ['-V']).status === 0;
const run = hasStrace
  ? spawnSync('strace', ['-f', '-qq', '-s', '200', '-e', 'trace=openat,execve,write', '-o', trace, process.execPath, bundle], { encoding: 'utf8', env: process.env, cwd: process.cwd(), maxBuffer: 1 << 26 })
  : spawnSync(process.execPath, [bundle], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 });
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(1);
}
const rounds = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
if (!hasStrace) {
  console.log('(strace not installed: file counts are not measured)');
  for (const r of rounds) console.log(`${r.round}: ${r.ms} ms, mootup requests ${r.mootup_requests}`);
  process.exit(0);
}

// Cut the trace per refresh by the markers the world writes on stderr.
const sections = new Map();
let current = null;
for (const line of readFileSync(trace, 'utf8').split('\n')) {
  const marker = /write\(2, "REFRESH-(BEGIN|END) ([\w-]+)/.exec(line);
  if (marker) {
    current = marker[1] === 'BEGIN' ? marker[2] : null;
    if (current) sections.set(current, []);
    continue;
  }
  if (current) sections.get(current).push(line);
}
const gitPath = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
const count = (lines, test) => lines.filter(test).length;
const opened = (lines, pattern) => count(lines, (l) => /openat\(/.test(l) && !/O_WRONLY|O_RDWR|O_CREAT|O_DIRECTORY/.test(l) && !/= -1 /.test(l) && pattern.test(l));
for (const r of rounds) {
  const lines = sections.get(r.round) ?? [];
  const figures = {
    'actors.json opens': opened(lines, /\.moot\/actors\.json"/),
    'workspaces.json opens': opened(lines, /\/workspaces\.json"/),
    'profiles.json opens': opened(lines, /\/profiles\.json"/),
    'user ~/.cursor/mcp.json opens': opened(lines, /home\/\.cursor\/mcp\.json"/),
    'project .cursor/mcp.json opens': opened(lines, /(repo|plain)\/\.cursor\/mcp\.json"/),
    '.env opens': opened(lines, /\/\.env"/),
    // PATH lookups try other folders first (ENOENT, or unfinished lines): count the one real binary.
    'git runs': count(lines, (l) => l.includes(`execve("${gitPath}", `)),
    'mootup requests': r.mootup_requests,
    findings: r.findings,
    ms: r.ms,
  };
  console.log(`${r.round}: ${Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  requests: ${r.paths.join(', ')}`);
}
