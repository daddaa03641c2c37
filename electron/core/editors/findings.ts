import { classifyToken, tokenHint, type TokenKind } from '../../../shared/token-formats';
import type { EditorId, Scope } from './editor-defs';
import type { JsonPathSegment, TokenWhere } from './token-rules';

/** One plaintext token found on disk, as reported: file, place and hint, never the token. */
export interface TokenFinding {
  source: 'editor' | 'env_file' | 'actors_file';
  file: string;
  editor?: EditorId;
  scope?: Scope;
  /** The server entry's key, for editor findings. */
  server?: string;
  json_path: string;
  where: TokenWhere;
  kind: TokenKind;
  token_hint: string;
}

/** A finding plus what only the core may hold: the token itself and where its server entry sits. */
export interface LocatedSecret {
  finding: TokenFinding;
  token: string;
  /** JSON path of the server entry holding it (editor findings only). */
  entryPath?: JsonPathSegment[];
  /** The config file of that entry, when it is not the finding's file (a token in a `.env` file an entry points at). */
  entryFile?: string;
  /** The `.env` assignment that holds the token, when an entry takes it from there (Codex `bearer_token_env_var`). */
  envRef?: { file: string; name: string; line: number };
}

/** A file tokentray could not read or parse; left untouched. */
export interface InvalidFile {
  file: string;
  editor?: EditorId;
  message: string;
}

/** Something about a file that holds keys by design (e.g. `.moot/actors.json`) that needs fixing. */
export interface HygieneIssue {
  file: string;
  issue: 'mode';
  mode: string;
  message: string;
}

/** JSON path segments as a person reads them: `mcpServers.moly.headers.Authorization`, `args[3]`. */
export function formatJsonPath(path: readonly JsonPathSegment[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** Builds the reported half of a finding from the token (hint and kind only). */
export function describeToken(token: string): { kind: TokenKind; token_hint: string } {
  return { kind: classifyToken(token), token_hint: tokenHint(token) };
}
