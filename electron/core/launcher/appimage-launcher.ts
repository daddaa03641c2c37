import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { homeDir, type Env } from '../paths';

/** The line that marks a launcher as ours: only such a file is ever rewritten. */
export const APPIMAGE_LAUNCHER_MARK = '# tokentray-appimage-launcher';

/**
 * Node code the AppImage's binary runs in Node mode (ELECTRON_RUN_AS_NODE): it finds the bundled CLI
 * inside this start's mount ($APPDIR), drops the `--no-sandbox` the launcher passes so the AppImage's
 * AppRun adds none of its own, and runs the CLI with the arguments that follow.
 */
const CLI_FROM_MOUNT = [
  "const path = require('node:path');",
  "const root = process.env.APPDIR || path.dirname(process.execPath);",
  "const cli = path.join(root, 'resources', 'app.asar', 'dist', 'cli', 'tokentray.js');",
  "const args = process.argv.slice(1);",
  "if (args[0] === '--no-sandbox') args.shift();",
  'process.argv = [process.execPath, cli, ...args];',
  'require(cli);',
].join(' ');

/** Single-quotes a value for sh. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The launcher script: runs `appImage` in CLI mode, and says what to do once that file is gone. */
export function appImageLauncherScript(appImage: string, launcherPath: string): string {
  return [
    '#!/bin/sh',
    APPIMAGE_LAUNCHER_MARK,
    '# The `tokentray` command of the tokentray AppImage. Editor configs run this file, so their command',
    '# survives AppImage updates; the app rewrites it when it is started from another AppImage file.',
    `appimage=${shQuote(appImage)}`,
    'if [ ! -x "$appimage" ]; then',
    '  echo "tokentray: the AppImage $appimage is gone; start tokentray from its new AppImage once and this command works again" >&2',
    '  exit 127',
    'fi',
    `TOKENTRAY_LAUNCHER=${shQuote(launcherPath)}`,
    'ELECTRON_RUN_AS_NODE=1',
    'export TOKENTRAY_LAUNCHER ELECTRON_RUN_AS_NODE',
    // `--` ends Node's options; `--no-sandbox` keeps AppRun from adding its own in front (see CLI_FROM_MOUNT).
    `exec "$appimage" -e ${shQuote(CLI_FROM_MOUNT)} -- --no-sandbox "$@"`,
    '',
  ].join('\n');
}

/** What installing the launcher did. */
export interface AppImageLauncherResult {
  /** The launcher editors are given. */
  path: string;
  changed: boolean;
  /** Set when ~/.local/bin/tokentray belongs to something else, so the launcher went to the data folder instead. */
  fallback_reason?: string;
}

/** The place used when ~/.local/bin/tokentray is not ours to write. */
export function fallbackLauncherPath(env: Env): string {
  return join(env.XDG_DATA_HOME || join(homeDir(env), '.local', 'share'), 'tokentray', 'bin', 'tokentray');
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes the AppImage launcher at `preferred` (~/.local/bin/tokentray) unless a file that is not ours
 * is there; then at the data-folder fallback. Rewrites only when the content changed (a moved AppImage).
 */
export function installAppImageLauncher(appImage: string, preferred: string, env: Env): AppImageLauncherResult {
  const existing = readIfExists(preferred);
  let path = preferred;
  let fallback_reason: string | undefined;
  if (existing !== null && !existing.includes(APPIMAGE_LAUNCHER_MARK)) {
    path = fallbackLauncherPath(env);
    fallback_reason = `${preferred} is not tokentray's launcher, so it was left alone`;
  }
  const script = appImageLauncherScript(appImage, path);
  const current = path === preferred ? existing : readIfExists(path);
  if (current === script) return { path, changed: false, ...(fallback_reason && { fallback_reason }) };
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  writeFileAtomic(path, script, { mode: 0o755 });
  return { path, changed: true, ...(fallback_reason && { fallback_reason }) };
}
