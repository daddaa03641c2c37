import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import type { HygieneProblem } from '../../../shared/app-state';
import type { Env } from '../paths';
import { actorsPath, readActorsFile } from './actors-file';

/** actors.json relative to its workspace, as git sees it. */
export const ACTORS_RELATIVE = '.moot/actors.json';

/** Runs git (never through a shell) in `cwd`; resolves its exit code and output, or null when git is missing. */
export function runGit(args: string[], cwd: string, env: Env): Promise<{ code: number; stdout: string } | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' }, timeout: 15_000, windowsHide: true }, (error, stdout) => {
      if (!error) return resolve({ code: 0, stdout });
      const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
      resolve(typeof code === 'number' ? { code, stdout } : null);
    });
  });
}

/** Whether `dir` is inside a git work tree (false also when git is not installed). */
export async function inGitWorkTree(dir: string, env: Env): Promise<boolean> {
  const result = await runGit(['rev-parse', '--is-inside-work-tree'], dir, env);
  return result?.code === 0 && result.stdout.trim() === 'true';
}

/** The mode problem, if actors.json can be read by others. */
export function modeProblem(dir: string): HygieneProblem | null {
  const path = actorsPath(dir);
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  return { kind: 'mode', fixable: true, message: `${path} has mode ${mode.toString(8)}: other users can read the agent keys in it; it must be 600` };
}

/**
 * What puts the agent keys of a workspace at risk: a corrupt file, a mode other than 0600, a file
 * git does not ignore, a file git tracks (its keys are in the history). None when there is no file.
 */
export async function checkHygiene(dir: string, env: Env): Promise<HygieneProblem[]> {
  const problems: HygieneProblem[] = [];
  const path = actorsPath(dir);
  try {
    if (!readActorsFile(dir)) return [];
  } catch (error) {
    problems.push({ kind: 'corrupt', fixable: false, message: (error as Error).message });
  }
  const mode = modeProblem(dir);
  if (mode) problems.push(mode);
  if (!(await inGitWorkTree(dir, env))) return problems;
  const tracked = await runGit(['ls-files', '--error-unmatch', '--', ACTORS_RELATIVE], dir, env);
  if (tracked?.code === 0) {
    problems.push({
      kind: 'tracked',
      fixable: false,
      message: `${path} is tracked by git, so its agent keys are in the history: take over each agent to rotate its key (tokentray agents takeover <actor_id> --force), then run git rm --cached ${ACTORS_RELATIVE}`,
    });
  }
  // --no-index: check the ignore rules even for a tracked file.
  const ignored = await runGit(['check-ignore', '-q', '--no-index', '--', ACTORS_RELATIVE], dir, env);
  if (ignored?.code === 1) {
    problems.push({ kind: 'not_ignored', fixable: true, message: `${path} is not git-ignored: a commit could publish its agent keys; add .moot/ to .gitignore` });
  }
  return problems;
}
