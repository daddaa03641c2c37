import { createSnapshotReads, type SnapshotReads } from '../fs/snapshot-reads';
import type { Env } from '../paths';
import { tryReadConfigDoc } from './config-doc';
import { clientFiles, EDITOR_IDS, EDITORS, type ConfigFormat, type EditorId, type Scope } from './editor-defs';
import { clientPresence } from './presence';
import { proxyEntryProfile } from './proxy-entry';
import { serverEntries } from './server-entries';

/** One config file as `editors list` shows it. */
export interface EditorFileView {
  scope: Scope;
  path: string;
  format: ConfigFormat;
  /** True for the file install writes; false for files the client also reads (legacy places, agent files). */
  target: boolean;
  exists: boolean;
  /** Null when the file is fine or missing; the parse error when it is invalid. */
  error: string | null;
  servers: number;
  /** The tokentray proxy entries in it: server key, the profile each launches, and the command it runs. */
  entries: { name: string; profile: string; command: string }[];
}

/** One client as `editors list` shows it. */
export interface EditorView {
  editor: EditorId;
  label: string;
  present: boolean;
  /** What says the client is here: a folder or file that exists, a command on PATH. */
  evidence: string[];
  files: EditorFileView[];
}

/** Which clients are here, which of their config files exist and which tokentray entries they hold. One bad file never hides the others. With `reads`, the snapshot's one read of each file. */
export function listEditors(env: Env, projectDir?: string, reads: SnapshotReads = createSnapshotReads()): EditorView[] {
  return EDITOR_IDS.map((id) => {
    const refs = [...clientFiles(id, 'user', env), ...(projectDir === undefined ? [] : clientFiles(id, 'project', env, projectDir))];
    const files: EditorFileView[] = [];
    for (const ref of refs) {
      if (files.some((f) => f.path === ref.path)) continue;
      const base = { scope: ref.scope, path: ref.path, format: ref.format, target: ref.target };
      const read = tryReadConfigDoc(ref, reads);
      if ('error' in read) {
        files.push({ ...base, exists: true, error: read.error.message, servers: 0, entries: [] });
        continue;
      }
      const entries = serverEntries(ref, read.doc.value);
      const view: EditorFileView = {
        ...base,
        exists: read.doc.exists,
        error: null,
        servers: entries.length,
        entries: entries.flatMap((e) => {
          const profile = proxyEntryProfile(e.entry);
          return profile ? [{ name: e.label, profile, command: entryCommand(e.entry) }] : [];
        }),
      };
      // The user target is always shown (it is where install writes); other files when they exist (and, if only read, hold servers).
      if ((ref.scope === 'user' && ref.target) || (view.exists && (ref.target || view.servers > 0))) files.push(view);
    }
    const { present, evidence } = clientPresence(id, env, refs);
    return { editor: id, label: EDITORS[id].label, present, evidence, files };
  });
}

/** The program an entry runs: `command` (a string, or the first item of opencode's array) or Goose's `cmd`. */
function entryCommand(entry: unknown): string {
  const e = (entry ?? {}) as { command?: unknown; cmd?: unknown };
  const command = e.command ?? e.cmd;
  if (typeof command === 'string') return command;
  if (Array.isArray(command) && typeof command[0] === 'string') return command[0];
  return '';
}
