#!/usr/bin/env node
// Holds the arrows of DESIGN.md: shared ← core ← {main, cli}; renderer ← shared.
// - electron/core and electron/cli never import 'electron' (they run headless, in tests and the CLI).
// - shared imports nothing of ours but shared.
// - renderer imports only renderer/ and shared/ of ours (it reaches main through the preload API).
// - electron/core never imports electron/main, electron/cli or renderer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const rules = [
  { dir: 'electron/core', forbidPackages: ['electron'], allowOwn: ['electron/core', 'shared'] },
  { dir: 'electron/cli', forbidPackages: ['electron'], allowOwn: ['electron/cli', 'electron/core', 'shared'] },
  { dir: 'shared', forbidPackages: ['electron', 'keytar', 'undici', 'node:fs', 'fs'], allowOwn: ['shared'] },
  { dir: 'renderer', forbidPackages: ['electron', 'keytar', 'undici'], allowOwn: ['renderer', 'shared'] },
  { dir: 'electron/preload', forbidPackages: [], allowOwn: ['electron/preload', 'shared'] },
];

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(entry)) yield path;
  }
}

const problems = [];
const importPattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const typeOnly = Boolean(match[2]);
      const spec = match[3] ?? match[4] ?? match[5];
      const rel = relative(root, file);
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null;
      if (target !== null && !target.startsWith('node_modules/')) {
        if (!rule.allowOwn.some((allowed) => target === allowed || target.startsWith(`${allowed}/`))) {
          problems.push(`${rel}: imports ${target} (allowed from ${rule.dir}: ${rule.allowOwn.join(', ')})`);
        }
      } else if (!typeOnly && rule.forbidPackages.some((p) => spec === p || spec.startsWith(`${p}/`) || target?.startsWith(`node_modules/${p}/`))) {
        problems.push(`${rel}: imports '${spec}', which ${rule.dir} must not use`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Import rules broken (see DESIGN.md "one core, three hosts"):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('imports: the arrows of DESIGN.md hold');
