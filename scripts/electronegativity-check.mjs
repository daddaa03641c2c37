#!/usr/bin/env node
// Runs Electronegativity (@doyensec/electronegativity) over the built app code (dist/main, dist/preload
// and dist/renderer when present), writes SARIF to out/electronegativity/, parses it, and fails on any
// finding not allowed in build/electronegativity-allow.json with a written reason. (The tool's own CLI
// exits 0 whatever it finds, hence this wrapper.)  Usage: npm run lint:electron  (or: node scripts/electronegativity-check.mjs [app-folder])
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// The app folder to check (default: this repository); tests point it at a deliberately bad app.
const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const electronVersion = require('electron/package.json').version;
const ALLOW_FILE = join(root, 'build', 'electronegativity-allow.json');
const OUT_DIR = join(root, 'out', 'electronegativity');
// This check downloads Electron's release list from GitHub on every run; the Electron version is kept
// current by dependency updates instead, and CI must not depend on the network.
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

// The tool fetches translations from S3 before every run. Load its bundled English strings instead,
// so the check is offline and deterministic.
function useBundledTranslations() {
  const i18nPath = join(toolDir, 'dist', 'locales', 'i18n.js');
  const stub = new Module(i18nPath);
  stub.filename = i18nPath;
  stub.loaded = true;
  stub.exports = async function bundledI18n() {
    const i18n = createRequire(i18nPath)('i18n');
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(i18nPath), updateFiles: false, objectNotation: true, register: globalThis });
    i18n.setLocale('en-US');
  };
  require.cache[i18nPath] = stub;
}

/** Reads the allowlist: [{ check, file?, count?, reason }], each with a reason a reviewer can judge. */
function readAllowlist() {
  const entries = JSON.parse(readFileSync(ALLOW_FILE, 'utf8'));
  const bad = entries.filter((e) => typeof e.check !== 'string' || typeof e.reason !== 'string' || e.reason.trim().length < 20);
  if (bad.length > 0) throw new Error(`${relative(root, ALLOW_FILE)}: every entry needs "check" and a written "reason" (20+ characters): ${JSON.stringify(bad)}`);
  return entries;
}

/** Waits for the SARIF file the tool writes asynchronously after run() resolves, then parses it. */
async function readSarif(file) {
  for (let i = 0; i < 100; i++) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`Electronegativity wrote no readable SARIF at ${file}`);
}

useBundledTranslations();
const run = require(join(toolDir, 'dist', 'runner.js'));
const allow = readAllowlist();
const inputs = ['dist/main', 'dist/preload', 'dist/renderer'].filter((dir) => existsSync(join(root, dir)));
if (!inputs.includes('dist/main') || !inputs.includes('dist/preload')) {
  console.error('electronegativity-check: dist/main and dist/preload are missing; run npm run build first');
  process.exit(2);
}
mkdirSync(OUT_DIR, { recursive: true });

// One scan over main, preload and renderer together: the tool's global checks (CSP, navigation limits,
// permission handler) look across files, so scanning each folder alone reports false "missing" findings.
const staged = join(OUT_DIR, 'app');
rmSync(staged, { recursive: true, force: true });
for (const input of inputs) cpSync(join(root, input), join(staged, input), { recursive: true });
const output = join(OUT_DIR, 'electronegativity.sarif');
rmSync(output, { force: true });
await run({ input: staged, output, isSarif: true, customScan: [], excludeFromScan: EXCLUDED_CHECKS, isRelative: true, isVerbose: false, electronVersionOverride: electronVersion, parserPlugins: [] }, false);
const sarif = await readSarif(output);
const findings = (sarif.runs?.[0]?.results ?? []).map((result) => {
  const location = result.locations?.[0]?.physicalLocation;
  return { check: result.ruleId, file: location?.artifactLocation?.uri ?? '', line: location?.region?.startLine ?? 0, message: result.message?.text ?? '' };
});

// An entry covers at most `count` findings (default 1): a new openExternal call must be argued for anew.
const used = new Map();
const allowedBy = (f) => allow.find((a) => a.check === f.check && (a.file === undefined || a.file === f.file));
const verdicts = findings.map((f) => {
  const entry = allowedBy(f);
  if (!entry) return { f, entry: null };
  used.set(entry, (used.get(entry) ?? 0) + 1);
  return { f, entry: used.get(entry) <= (entry.count ?? 1) ? entry : null, over: used.get(entry) > (entry.count ?? 1) };
});
const unexplained = verdicts.filter((v) => !v.entry);
for (const { f, entry, over } of verdicts) {
  const note = entry ? `  (${entry.reason.slice(0, 100)}…)` : `\n          ${f.message}${over ? '\n          (more findings than the allowlist entry covers: review the new one)' : ''}`;
  console.log(`${entry ? 'allowed ' : 'FINDING '} ${f.check}  ${f.file}:${f.line}${note}`);
}
for (const a of allow.filter((a) => !used.has(a))) console.log(`unused allowlist entry: ${a.check}${a.file ? ` in ${a.file}` : ''} (remove it)`);
console.log(`electronegativity ${inputs.join(', ')}: ${findings.length} finding(s), ${findings.length - unexplained.length} allowed, ${unexplained.length} not allowed`);
process.exit(unexplained.length > 0 ? 1 : 0);
