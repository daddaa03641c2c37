import type { Remedy } from '../../../shared/remedy';
import { appendFileSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HygieneProblem } from '../../../shared/app-state';
import type { CoreContext } from '../context';
import { TokentrayError } from '../errors';
import { actorsPath } from './actors-file';
import { checkHygiene } from './hygiene';
import { realFolder } from './workspaces';

/** What `workspace fix` did and what it could not do. */
export interface WorkspaceFixResult {
  ok: boolean;
  dir: string;
  /** The fixes applied, in words. */
  fixed: string[];
  /** Problems left after fixing (a tracked file cannot be fixed here). */
  remaining: HygieneProblem[];
  /** What to do about what is left, as data (the first remaining problem's remedy). */
  remedy?: Remedy;
  message: string;
}

/** Appends `.moot/` to the workspace's .gitignore (created if missing), on a line of its own. */
function ignoreMootFolder(dir: string): string {
  const path = join(dir, '.gitignore');
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new TokentrayError('io', `cannot read ${path}: ${(error as Error).message}`, { path });
  }
  appendFileSync(path, `${before === '' || before.endsWith('\n') ? '' : '\n'}.moot/\n`);
  return `added .moot/ to ${path}`;
}

/** Applies the safe fixes to a workspace's actors.json (chmod 600, git-ignore .moot/) and says what is left. */
export async function fixWorkspace(ctx: CoreContext, dir: string): Promise<WorkspaceFixResult> {
  const real = realFolder(dir);
  const fixed: string[] = [];
  for (const problem of await checkHygiene(real, ctx.env)) {
    if (problem.kind === 'mode') {
      chmodSync(actorsPath(real), 0o600);
      fixed.push(`set ${actorsPath(real)} to mode 600`);
    } else if (problem.kind === 'not_ignored') {
      fixed.push(ignoreMootFolder(real));
    }
  }
  const remaining = await checkHygiene(real, ctx.env);
  const lines = [fixed.length > 0 ? `Fixed: ${fixed.join('; ')}.` : remaining.length === 0 ? `Nothing to fix in ${real}.` : 'Nothing could be fixed automatically.'];
  for (const problem of remaining) lines.push(`Not fixed: ${problem.message}`);
  // What to do about what is left (a tracked file: take its agents over, untrack it), as data.
  const remedy = remaining.find((p) => p.remedy)?.remedy;
  return { ok: remaining.length === 0, dir: real, fixed, remaining, message: lines.join('\n'), ...(remedy && { remedy }) };
}
