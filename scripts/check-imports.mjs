#!/usr/bin/env node
// Holds the arrows of DESIGN.md: shared ← core ← {main, cli}; renderer ← shared.
// - electron/core and electron/cli never import 'electron' (they run headless, in tests and the CLI).
// - shared imports nothing of ours but shared.
// - renderer imports only renderer/ and shared/ of ours (it reaches main through the preload API).
// - electron/core never imports electron/main, electron/cli or renderer.
// - electron/core is a one-way stack (CORE_LAYERS, lowest first): a file imports only units of a
//   lower layer or its own unit; never a higher layer, never a sibling unit of its own layer.
// - no file-level import cycle anywhere in electron/, shared/ and renderer/. Type-only imports
//   count: a cycle of types is a cycle of design, and it turns into a runtime one at the first value.
// - only electron/main/ipc.ts touches ipcMain.
// Usage: node scripts/check-imports.mjs [root]   (root defaults to this repository; the tests pass a temp tree)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);

/**
 * The layers of electron/core, lowest first. An entry is a folder or a file (without `.ts`) under
 * electron/core; a file belongs to its longest matching entry (its unit). `keychain/` (the
 * SecretStore, its D-Bus checks) sits below context.ts, which builds the store; `profiles/` above it,
 * except the profile file and URL helpers, which OAuth needs below it.
 * A folder or file under electron/core that is in no layer is placed in NEW (just below doctor):
 * doctor and app may import it, nothing lower may. Give it its real layer here when it lands.
 */
const NEW = '(new, unlisted)';
export const CORE_LAYERS = [
  ['errors'],
  ['paths'],
  ['home', 'test-pause'],
  ['fs', 'http', 'redact'],
  ['audit', 'mootup'],
  ['keychain'],
  ['context'],
  ['checks'],
  // What OAuth needs below it: the profile file, the URL helpers, and the proxy's credential seam.
  ['profiles/profile-store', 'profiles/profile-urls', 'mcp/jsonrpc', 'mcp/proxy-tokens'],
  ['oauth'],
  ['profiles'],
  ['workspaces'],
  ['editors'],
  ['agents'],
  ['mcp', 'launcher'],
  [NEW],
  ['doctor'],
  ['app'],
];

const rules = [
  { dir: 'electron/core', forbidPackages: ['electron'], allowOwn: ['electron/core', 'shared'] },
  { dir: 'electron/cli', forbidPackages: ['electron'], allowOwn: ['electron/cli', 'electron/core', 'shared'] },
  { dir: 'shared', forbidPackages: ['electron', 'keytar', 'undici', 'node:fs', 'fs'], allowOwn: ['shared'] },
  { dir: 'renderer', forbidPackages: ['electron', 'keytar', 'undici'], allowOwn: ['renderer', 'shared'] },
  { dir: 'electron/preload', forbidPackages: [], allowOwn: ['electron/preload', 'shared'] },
  { dir: 'electron/main', forbidPackages: [], allowOwn: ['electron', 'shared'] },
];
const CYCLE_DIRS = ['electron', 'shared', 'renderer'];
const IPC_MAIN_FILE = 'electron/main/ipc.ts';

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(entry)) yield path;
  }
}

const posix = (path) => path.split(sep).join('/');
const importPattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** Every import of a file: its specifier, whether it is type-only, and the repo-relative file it resolves to (null for a package). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((match) => {
    const spec = match[3] ?? match[4] ?? match[5] ?? match[6];
    return { spec, typeOnly: Boolean(match[2]), target: spec.startsWith('.') ? resolveFile(resolve(dirname(file), spec)) : null };
  });
}

/** The repo-relative source file an import path names (`./x` → `x.ts`, `x.tsx`, `x/index.ts`), or the bare path when none exists. */
function resolveFile(base) {
  const stem = base.replace(/\.(m?js)$/, '');
  for (const candidate of [stem, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(stem, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return posix(relative(root, candidate));
  }
  return posix(relative(root, base));
}

/** The layer unit of a file under electron/core (`profiles/profile-store`, `agents`, …) and its layer index. */
function coreUnit(path) {
  const inner = path.slice('electron/core/'.length).replace(/\.(ts|tsx|mts)$/, '');
  let best = null;
  CORE_LAYERS.forEach((units, layer) => {
    for (const unit of units) {
      if ((inner === unit || inner.startsWith(`${unit}/`)) && (!best || unit.length > best.unit.length)) best = { unit, layer };
    }
  });
  return best ?? { unit: inner.split('/')[0], layer: CORE_LAYERS.findIndex((units) => units.includes(NEW)) };
}

const layerName = (layer) => CORE_LAYERS[layer].join(', ');
const problems = [];
const graph = new Map();

for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const rel = posix(relative(root, file));
    for (const { spec, typeOnly, target } of importsOf(file)) {
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

// Layers of electron/core.
for (const file of files(join(root, 'electron/core'))) {
  const rel = posix(relative(root, file));
  const from = coreUnit(rel);
  for (const { target } of importsOf(file)) {
    if (target === null || !target.startsWith('electron/core/')) continue;
    const to = coreUnit(target);
    if (to.unit === from.unit || to.layer < from.layer) continue;
    const how = to.layer > from.layer ? 'a higher layer' : 'a sibling of its own layer';
    problems.push(`${rel}: imports ${target}, ${how} (${from.unit} is layer ${from.layer}, ${to.unit} layer ${to.layer}: ${layerName(from.layer)} may import only layers below it)`);
  }
}

// File-level cycles (depth-first search over resolved relative imports, type-only ones included).
for (const dir of CYCLE_DIRS) {
  for (const file of files(join(root, dir))) {
    const rel = posix(relative(root, file));
    graph.set(rel, [...new Set(importsOf(file).map((i) => i.target).filter((t) => t !== null && CYCLE_DIRS.some((d) => t.startsWith(`${d}/`))))]);
  }
}
const seen = new Set();
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, 'open');
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'open') {
      const cycle = stack.slice(stack.indexOf(next));
      const key = [...cycle].sort().join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, next].join(' -> ')}`);
      }
    } else if (!state.has(next) && graph.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node);

// ipcMain only in electron/main/ipc.ts (comments are not code).
for (const dir of CYCLE_DIRS) {
  for (const file of files(join(root, dir))) {
    const rel = posix(relative(root, file));
    if (rel === IPC_MAIN_FILE) continue;
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/[^\n]*/g, '$1');
    if (/\bipcMain\b/.test(code)) problems.push(`${rel}: uses ipcMain, which only ${IPC_MAIN_FILE} may touch (register handlers through it)`);
  }
}

if (problems.length > 0) {
  console.error(`Import rules broken (see DESIGN.md "one core, three hosts" and CORE_LAYERS in scripts/check-imports.mjs):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`imports: the arrows of DESIGN.md hold; electron/core is ${CORE_LAYERS.length} layers one way; no import cycle in ${graph.size} files`);
