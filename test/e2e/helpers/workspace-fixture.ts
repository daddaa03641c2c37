import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** An entry of a project's .moot/actors.json (DESIGN.md: actor_id, display_name, api_key, and more we keep). */
export interface ActorEntry {
  actor_id: string;
  display_name: string;
  api_key: string;
  [field: string]: unknown;
}

/** A project folder with .moot/actors.json holding `actors`, git-ignored, mode 0600 unless `mode` says otherwise. */
export function makeWorkspace(root: string, name: string, actors: ActorEntry[], mode = 0o600): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.moot'), { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '.moot/\n');
  const file = join(dir, '.moot', 'actors.json');
  writeFileSync(file, `${JSON.stringify({ actors, space_id: 'spc_fixture' }, null, 2)}\n`, { mode });
  chmodSync(file, mode);
  return dir;
}

/** The actors.json entries of a workspace as they are on disk now. */
export function readActors(dir: string): ActorEntry[] {
  return (JSON.parse(readFileSync(join(dir, '.moot', 'actors.json'), 'utf8')) as { actors: ActorEntry[] }).actors;
}

/** A key of the agent-key shape that no server ever issued (a key rotated away long ago). */
export function staleAgentKey(): string {
  return `convo_${randomBytes(20).toString('hex')}`;
}
