import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import type { Env } from '../paths';
import { EDITORS, type ConfigFileRef, type EditorId } from './editor-defs';

/**
 * Whether a client is on this machine. Present = one of its config folders or files exists, or one
 * of its commands is on PATH. A folder alone is enough (the client was installed and used here); a
 * command alone is enough too (a terminal agent installed with npm or brew may not have written a
 * file yet). The window's "Connect all" and `editors install --all` act on present clients only.
 */

/** The absolute path of an executable `name` on PATH (PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: Env, platform: NodeJS.Platform = process.platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, `${name}${ext}`);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (platform !== 'win32') accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Whether a client is present, and what says so ("~/.codex exists", "codex on PATH (/usr/bin/codex)"). */
export function clientPresence(editor: EditorId, env: Env, files: readonly ConfigFileRef[] = [], platform: NodeJS.Platform = process.platform): { present: boolean; evidence: string[] } {
  const def = EDITORS[editor];
  const evidence: string[] = [];
  const dirs = def.presenceDirs(env, platform).filter((dir) => existsSync(dir));
  for (const dir of dirs) evidence.push(`${dir} exists`);
  // A file inside a folder already named adds nothing.
  for (const file of files) if (existsSync(file.path) && !dirs.some((dir) => file.path.startsWith(`${dir}${sep}`))) evidence.push(`${file.path} exists`);
  for (const bin of def.binaries) {
    const found = findOnPath(bin, env, platform);
    if (found) evidence.push(`${bin} on PATH (${found})`);
  }
  return { present: evidence.length > 0, evidence };
}
