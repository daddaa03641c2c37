/** The types of the client table (client-table.ts) and of the files it names; no logic. */
import { CLIENT_IDS, type ClientId } from '../../../shared/clients';
import type { Env } from '../paths';

/** The clients tokentray knows, by the id the CLI takes (the one list lives in shared/clients.ts). */
export const EDITOR_IDS = CLIENT_IDS;
export type EditorId = ClientId;

export type Scope = 'user' | 'project';

/** How a file is written: JSON (strict), JSONC (comments, trailing commas), TOML or YAML. */
export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

/** Where the servers sit in a file: an object of name → entry, or (Continue) a list of entries with a `name`. */
export interface ServersLayout {
  path: string[];
  kind: 'map' | 'list';
}

/** The shape of a stdio entry in a client (see proxy-entry.ts). */
export type EntryShape = 'plain' | 'vscode' | 'copilot' | 'opencode' | 'zed' | 'goose' | 'continue';

/** A file a client reads, when it differs from the client's own format or layout. */
export interface FileSpec {
  path: string;
  format?: ConfigFormat;
  layout?: ServersLayout;
}

/** Where a client keeps its MCP servers and what shape an entry has there. */
export interface EditorDef {
  id: EditorId;
  label: string;
  format: ConfigFormat;
  layout: ServersLayout;
  shape: EntryShape;
  /** The user file tokentray writes. */
  userFile(env: Env, platform: NodeJS.Platform): string;
  /** More user files the client reads (legacy locations, agent files): scanned and listed, never installed into. */
  moreUserFiles?(env: Env, platform: NodeJS.Platform): (string | FileSpec)[];
  /** The project file tokentray writes for a server name; absent when the client has no project scope. */
  projectFile?(dir: string, name: string): string;
  /** More project files the client reads: scanned, never installed into. */
  moreProjectFiles?(dir: string): (string | FileSpec)[];
  /** What a new file starts as, before the entry goes in (Continue's block files need a header). */
  newFile?(scope: Scope, name: string): Record<string, unknown>;
  /** Folders whose existence means the client is installed (or has been used) here. */
  presenceDirs(env: Env, platform: NodeJS.Platform): string[];
  /** Commands on PATH that mean the client is installed here. */
  binaries: readonly string[];
}
