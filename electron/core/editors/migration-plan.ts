import { slugify, type ProfileKind } from '../../../shared/profile';
import { classifyToken } from '../../../shared/token-formats';
import { insecureUrlReason } from '../../../shared/url-policy';
import type { CoreContext } from '../context';
import { readProfiles } from '../profiles/profile-store';
import { valueAt } from './config-doc';
import { redactTokens } from './config-write';
import { isObject, type EditorId, type Scope } from './editor-defs';
import { formatJsonPath, type LocatedSecret } from './findings';
import { entryLaunch } from './proxy-entry';
import type { CollectedSecrets } from './scan';
import { URL_KEYS, type JsonPathSegment } from './token-rules';

/** One server entry to move into the keychain: which profile receives its token, and from where. */
export interface MigrationStep {
  file: string;
  editor: EditorId;
  scope: Scope;
  server: string;
  json_path: string;
  token_hint: string;
  profile: string;
  profile_kind: ProfileKind;
  /** True when an existing profile already holds this very token. */
  reuse: boolean;
  url: string;
  mcp_url?: string;
  /** The `.env` file the token sat in, when the entry took it from there; its line is removed too. */
  env_file?: string;
}

/** A finding migrate leaves where it is, and why. */
export interface MigrationSkip {
  file: string;
  server?: string;
  json_path: string;
  token_hint: string;
  reason: string;
}

/** A step plus what only the core holds: the token and the entry's place in the document. */
export interface PlannedStep {
  step: MigrationStep;
  token: string;
  entryPath: JsonPathSegment[];
  secrets: LocatedSecret[];
}

export interface MigrationPlan {
  steps: PlannedStep[];
  skipped: MigrationSkip[];
}

/** The remote MCP URL an entry talks to: `url`, `serverUrl`, `httpUrl`, `uri`, or the URL a stdio wrapper (mcp-remote) is given. */
export function entryUrl(entry: Record<string, unknown>): string | null {
  for (const key of URL_KEYS) if (typeof entry[key] === 'string') return entry[key] as string;
  const args = entryLaunch(entry)?.args ?? [];
  const url = args.find((a): a is string => typeof a === 'string' && /^https?:\/\//i.test(a));
  return url ?? null;
}

function skip(secret: LocatedSecret, reason: string): MigrationSkip {
  const f = secret.finding;
  return { file: f.file, ...(f.server !== undefined && { server: f.server }), json_path: f.json_path, token_hint: f.token_hint, reason };
}

const FOLDER_REASON = 'tokentray does not rewrite .env or actors.json files: store the token with `tokentray profile add`, then delete it from the file';
const STRAY_REASON = 'not inside an MCP server entry, so no proxy can stand in for it: move it out by hand';

/** Decides, for every finding, the profile it goes to or why it stays. Reads the keychain to reuse profiles. */
export async function planMigration(ctx: CoreContext, collected: CollectedSecrets): Promise<MigrationPlan> {
  const plan: MigrationPlan = { steps: [], skipped: [] };
  const groups = new Map<string, LocatedSecret[]>();
  for (const secret of collected.secrets) {
    if (!secret.entryPath) {
      plan.skipped.push(skip(secret, secret.finding.source === 'editor' ? STRAY_REASON : FOLDER_REASON));
      continue;
    }
    const key = `${secret.entryFile ?? secret.finding.file}\0${secret.entryPath.join('\0')}`;
    groups.set(key, [...(groups.get(key) ?? []), secret]);
  }
  if (groups.size === 0) return plan;

  const profiles = readProfiles(ctx.home);
  const taken = new Set(profiles.map((p) => p.name));
  const byToken = new Map<string, string>();
  for (const p of profiles) {
    const token = await ctx.secrets.get(p.name);
    if (token !== null) byToken.set(token, p.name);
  }
  for (const secrets of groups.values()) {
    const first = secrets[0]!;
    const tokens = [...new Set(secrets.map((s) => s.token))];
    if (tokens.length > 1) {
      for (const s of secrets) plan.skipped.push(skip(s, `the entry holds ${tokens.length} different tokens; move it by hand`));
      continue;
    }
    const token = tokens[0]!;
    const file = first.entryFile ?? first.finding.file;
    const doc = collected.docs.find((d) => d.ref.path === file)!;
    const entry = valueAt(doc.value, first.entryPath!);
    const url = isObject(entry) ? entryUrl(entry) : null;
    const problem = urlProblem(url, token);
    if (problem || url === null) {
      for (const s of secrets) plan.skipped.push(skip(s, problem ?? ''));
      continue;
    }
    const profileKind: ProfileKind = classifyToken(token) === 'mootup_pat' ? 'mootup' : 'mcp';
    const reused = byToken.get(token);
    const profile = reused ?? freeName(slugify(first.finding.server ?? '') ?? 'server', taken);
    taken.add(profile);
    byToken.set(token, profile);
    const f = first.finding;
    plan.steps.push({
      token,
      entryPath: first.entryPath!,
      secrets,
      step: {
        file,
        editor: f.editor!,
        scope: f.scope!,
        server: f.server!,
        json_path: formatJsonPath(first.entryPath!),
        token_hint: f.token_hint,
        profile,
        profile_kind: profileKind,
        reuse: reused !== undefined,
        url: profileKind === 'mootup' ? new URL(url).origin : url,
        ...(profileKind === 'mootup' && { mcp_url: url }),
        ...(secrets.some((s) => s.envRef) && { env_file: secrets.find((s) => s.envRef)!.envRef!.file }),
      },
    });
  }
  return plan;
}

/** Why an entry's URL cannot become a profile's URL, in words that never quote the token. */
function urlProblem(url: string | null, token: string): string | null {
  if (url === null) return 'no remote MCP URL in this entry, so the tokentray proxy cannot stand in for it; move the secret by hand';
  // A profile URL is stored in profiles.json and the proxy sends tokens only as a header.
  if (url.includes(token)) return 'the token is part of the URL; get a token-free URL from the service and add the profile by hand';
  const reason = insecureUrlReason(url);
  return reason === null ? null : redactTokens(reason, [token]);
}

/** `name`, or `name-2`, `name-3`… — the first not yet taken. */
function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name.slice(0, 60)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
