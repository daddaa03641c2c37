import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HygieneProblem } from '../../../shared/app-state';
import type { SnapshotReads } from '../fs/snapshot-reads';
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

/** The mode problem, if actors.json can be read by others. */
export function modeProblem(dir: string, reads?: SnapshotReads): HygieneProblem | null {
  const path = actorsPath(dir);
  const mode = (reads ? reads.file(path).stat : statSync(path)).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  return { kind: 'mode', fixable: true, message: `${path} has mode ${mode.toString(8)}: other users can read the agent keys in it; it must be 600`, remedy: { kind: 'action', action: 'workspace-fix', subject: dir } };
}

/** What git says about a workspace's actors.json. */
interface GitFacts {
  inWorkTree: boolean;
  tracked: boolean;
  /** False when git says the file is not ignored. */
  ignored: boolean;
}

/**
 * What git said per workspace, kept while the files git decides from are unchanged: the state
 * store keeps one for its lifetime, so an unchanged workspace runs git zero times per refresh.
 * `gitRuns` counts the git processes this memory started (tests and the bench read it).
 */
export interface GitMemory {
  entries: Map<string, { stamp: string; files: string[]; facts: GitFacts }>;
  gitRuns: number;
}

/** An empty git memory (one per state store). */
export function createGitMemory(): GitMemory {
  return { entries: new Map(), gitRuns: 0 };
}

/** Each file's mtime, size and inode (or "none"): what changes when git's answer can change. */
function stampOf(files: readonly string[]): string {
  return files
    .map((file) => {
      const stat = statSync(file, { throwIfNoEntry: false, bigint: true });
      return stat ? `${file}:${stat.mtimeNs}:${stat.size}:${stat.ino}` : `${file}:none`;
    })
    .join('\n');
}

/** `.git` in the folder and in every folder above it: one of them appears when the folder joins a repository. */
function ancestorsGit(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    out.push(join(d, '.git'));
    if (dirname(d) === d) return out;
  }
}

/**
 * The files git's answers about `<dir>/.moot/actors.json` depend on: the file itself, the ignore
 * files from the folder up to the top of the work tree, info/exclude, the index, the config and
 * the user's global excludes. Outside a work tree: the `.git` names a new repository would add.
 */
function gitInputs(dir: string, env: Env, top: string | null, gitDir: string | null): string[] {
  const files = [actorsPath(dir), join(dir, '.moot', '.gitignore')];
  if (top === null || gitDir === null) return [...files, ...ancestorsGit(dir)];
  for (let d = dir; ; d = dirname(d)) {
    files.push(join(d, '.gitignore'));
    if (d === top || dirname(d) === d) break;
  }
  const home = env.HOME ?? '';
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  return [...files, join(gitDir, 'info', 'exclude'), join(gitDir, 'index'), join(gitDir, 'config'), join(xdg, 'git', 'ignore'), join(xdg, 'git', 'config'), join(home, '.gitconfig')];
}

/** Asks git whether actors.json is in a work tree, tracked, and ignored (three runs; one outside a repository). */
async function askGit(dir: string, env: Env, count: () => void): Promise<{ facts: GitFacts; top: string | null; gitDir: string | null }> {
  const git = (args: string[]) => {
    count();
    return runGit(args, dir, env);
  };
  const where = await git(['rev-parse', '--is-inside-work-tree', '--show-toplevel', '--absolute-git-dir']);
  const [inside, top, gitDir] = (where?.code === 0 ? where.stdout : '').split('\n');
  if (inside?.trim() !== 'true') return { facts: { inWorkTree: false, tracked: false, ignored: true }, top: null, gitDir: null };
  const tracked = await git(['ls-files', '--error-unmatch', '--', ACTORS_RELATIVE]);
  // --no-index: check the ignore rules even for a tracked file.
  const ignored = await git(['check-ignore', '-q', '--no-index', '--', ACTORS_RELATIVE]);
  return { facts: { inWorkTree: true, tracked: tracked?.code === 0, ignored: ignored?.code !== 1 }, top: top?.trim() || null, gitDir: gitDir?.trim() || null };
}

/** What git says about the workspace, from `memory` while nothing it depends on changed. */
async function gitFacts(dir: string, env: Env, memory: GitMemory | undefined): Promise<GitFacts> {
  const kept = memory?.entries.get(dir);
  if (kept && stampOf(kept.files) === kept.stamp) return kept.facts;
  const asked = await askGit(dir, env, () => memory && memory.gitRuns++);
  if (memory) {
    const files = gitInputs(dir, env, asked.top, asked.gitDir);
    memory.entries.set(dir, { files, stamp: stampOf(files), facts: asked.facts });
  }
  return asked.facts;
}

/**
 * What puts the agent keys of a workspace at risk: a corrupt file, a mode other than 0600, a file
 * git does not ignore, a file git tracks (its keys are in the history). None when there is no file.
 * With `reads` the snapshot's one read of actors.json; with `memory` git runs only when a file it
 * decides from changed.
 */
export async function checkHygiene(dir: string, env: Env, reads?: SnapshotReads, memory?: GitMemory): Promise<HygieneProblem[]> {
  const problems: HygieneProblem[] = [];
  const path = actorsPath(dir);
  try {
    if (!readActorsFile(dir, reads)) return [];
  } catch (error) {
    problems.push({ kind: 'corrupt', fixable: false, message: (error as Error).message });
  }
  const mode = modeProblem(dir, reads);
  if (mode) problems.push(mode);
  const git = await gitFacts(dir, env, memory);
  if (!git.inWorkTree) return problems;
  if (git.tracked) {
    problems.push({
      kind: 'tracked',
      fixable: false,
      message: `${path} is tracked by git, so its agent keys are in the history`,
      remedy: { kind: 'action', action: 'workspace-untrack', subject: dir },
    });
  }
  if (!git.ignored) {
    problems.push({ kind: 'not_ignored', fixable: true, message: `${path} is not git-ignored: a commit could publish its agent keys; add .moot/ to .gitignore`, remedy: { kind: 'action', action: 'workspace-fix', subject: dir } });
  }
  return problems;
}
