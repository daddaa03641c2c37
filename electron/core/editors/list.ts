import { existsSync } from 'node:fs';
import type { Env } from '../paths';
import { tryReadConfigDoc, valueAt } from './config-doc';
import { configFileFor, EDITOR_IDS, EDITORS, isObject, serverContainers, type EditorId, type Scope } from './editor-defs';
import { formatJsonPath } from './findings';
import { proxyEntryProfile } from './proxy-entry';

/** One config file as `editors list` shows it. */
export interface EditorFileView {
  scope: Scope;
  path: string;
  exists: boolean;
  /** Null when the file is missing; the parse error when it is invalid. */
  error: string | null;
  servers: number;
  /** The tokentray proxy entries in it: server key, the profile each launches, and the command it runs. */
  entries: { name: string; profile: string; command: string }[];
}

/** One editor as `editors list` shows it. */
export interface EditorView {
  editor: EditorId;
  label: string;
  present: boolean;
  files: EditorFileView[];
}

/** Which editors are here, which of their config files exist and which tokentray entries they hold. */
export function listEditors(env: Env, projectDir?: string): EditorView[] {
  return EDITOR_IDS.map((id) => {
    const def = EDITORS[id];
    const refs = [configFileFor(id, 'user', env), projectDir === undefined ? null : configFileFor(id, 'project', env, projectDir)];
    const files: EditorFileView[] = [];
    for (const ref of refs) {
      if (!ref) continue;
      const read = tryReadConfigDoc(ref);
      if ('error' in read) {
        files.push({ scope: ref.scope, path: ref.path, exists: true, error: read.error.message, servers: 0, entries: [] });
        continue;
      }
      const view: EditorFileView = { scope: ref.scope, path: ref.path, exists: read.doc.exists, error: null, servers: 0, entries: [] };
      for (const container of serverContainers(ref, read.doc.value)) {
        const servers = valueAt(read.doc.value, container);
        if (!isObject(servers)) continue;
        const prefix = container.length > 1 ? `${formatJsonPath(container.slice(0, -1))}:` : '';
        for (const [name, entry] of Object.entries(servers)) {
          view.servers++;
          const profile = proxyEntryProfile(entry);
          if (profile) view.entries.push({ name: `${prefix}${name}`, profile, command: (entry as { command: string }).command });
        }
      }
      if (ref.scope === 'user' || view.exists) files.push(view);
    }
    const present = existsSync(def.presenceDir(env, process.platform)) || files.some((f) => f.exists);
    return { editor: id, label: def.label, present, files };
  });
}
