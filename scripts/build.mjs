#!/usr/bin/env node
// Builds everything that ships: the CLI (plain JavaScript, one file, fast start-up), the Electron
// main and preload bundles, the sandbox server, and the renderer (Vite).
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Native or large modules stay outside the bundles and are loaded only when a command needs them.
const external = ['electron', 'keytar', 'undici'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.TOKENTRAY_VERSION': JSON.stringify(pkg.version) },
};

const entries = [
  { in: 'electron/cli/tokentray.ts', out: 'dist/cli/tokentray.js', bin: true },
  { in: 'electron/main/main.ts', out: 'dist/main/main.js' },
  { in: 'electron/preload/preload.ts', out: 'dist/preload/preload.js' },
  { in: 'test/sandbox/sandbox-cli.ts', out: 'dist/sandbox/sandbox.js' },
];

await Promise.all(
  entries
    .filter((entry) => existsSync(entry.in))
    .map((entry) =>
      build({ ...common, entryPoints: [entry.in], outfile: entry.out }).then(() => {
        if (entry.bin) chmodSync(entry.out, 0o755);
      }),
    ),
);

if (existsSync('renderer/index.html')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
}
