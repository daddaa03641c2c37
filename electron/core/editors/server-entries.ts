import { isObject, type ConfigFileRef, type ServersLayout } from './editor-defs';
import { valueAt, type PathSegment } from './value-path';

/** One server entry in a parsed file: its name, where it sits, and its value. */
export interface ServerEntry {
  name: string;
  /** Where the entry sits in the document (`['mcpServers', 'moly']`, `['mcpServers', 2]`). */
  path: PathSegment[];
  entry: Record<string, unknown>;
  /** The name as listings show it; entries of another container carry its path (`projects["/p"]:moly`). */
  label: string;
}

/** An object that holds servers rather than being one (opencode's newer `mcp.servers`). */
function looksLikeContainer(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !('type' in value) && !('command' in value) && !('url' in value) && Object.values(value).every(isObject);
}

/**
 * The places a file keeps servers: the client's own, plus Claude Code's per-project servers
 * (`projects.<folder>.mcpServers` in ~/.claude.json) and opencode's `mcp.servers`.
 */
export function serverContainers(ref: ConfigFileRef, root: unknown): { layout: ServersLayout; prefix: string }[] {
  const containers = [{ layout: ref.layout, prefix: '' }];
  if (ref.editor === 'claude-code' && ref.scope === 'user' && isObject(root) && isObject(root.projects)) {
    for (const [folder, project] of Object.entries(root.projects)) {
      if (isObject(project) && isObject(project.mcpServers)) containers.push({ layout: { path: ['projects', folder, 'mcpServers'], kind: 'map' }, prefix: `projects[${JSON.stringify(folder)}]:` });
    }
  }
  if (ref.editor === 'opencode' && looksLikeContainer(valueAt(root, ['mcp', 'servers']))) containers.push({ layout: { path: ['mcp', 'servers'], kind: 'map' }, prefix: '' });
  return containers;
}

/** Every server entry in a parsed file. */
export function serverEntries(ref: ConfigFileRef, root: unknown): ServerEntry[] {
  const entries: ServerEntry[] = [];
  const opencodeServers = ref.editor === 'opencode' && looksLikeContainer(valueAt(root, ['mcp', 'servers']));
  for (const { layout, prefix } of serverContainers(ref, root)) {
    const servers = valueAt(root, layout.path);
    if (layout.kind === 'list' && Array.isArray(servers)) {
      servers.forEach((entry, index) => {
        if (isObject(entry)) {
          const name = typeof entry.name === 'string' ? entry.name : `#${index + 1}`;
          entries.push({ name, path: [...layout.path, index], entry, label: `${prefix}${name}` });
        }
      });
    } else if (layout.kind === 'map' && isObject(servers)) {
      for (const [name, entry] of Object.entries(servers)) {
        if (!isObject(entry)) continue;
        if (opencodeServers && layout.path.length === 1 && name === 'servers') continue;
        entries.push({ name, path: [...layout.path, name], entry, label: `${prefix}${name}` });
      }
    }
  }
  return entries;
}

/** Where an entry named `name` goes in a file's own container: its current place, or a new one. */
export function entryPathFor(ref: ConfigFileRef, root: unknown, name: string): PathSegment[] {
  if (ref.layout.kind === 'map') return [...ref.layout.path, name];
  const list = valueAt(root, ref.layout.path);
  const items = Array.isArray(list) ? list : [];
  const index = items.findIndex((item) => isObject(item) && item.name === name);
  return [...ref.layout.path, index >= 0 ? index : items.length];
}
