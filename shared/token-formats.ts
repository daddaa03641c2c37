/** Token shapes from the service documents (seeds): mootup PATs, Moly PATs, mootup agent keys. */

export type TokenKind = 'mootup_pat' | 'moly_pat' | 'agent_key' | 'unknown';

/** mootup PAT: `mootup_pat_` followed by 60 lowercase hex characters. */
export const MOOTUP_PAT_PATTERN = /^mootup_pat_[0-9a-f]{60}$/;
/** Moly PAT: `mp_` + at least 32 random bytes, as base64url (≥ 43 chars) or hex (≥ 64 chars). */
export const MOLY_PAT_PATTERN = /^mp_(?:[A-Za-z0-9_-]{43,}={0,2}|[0-9a-f]{64,})$/;
/** mootup agent API key: `convo_` + an opaque random part. */
export const AGENT_KEY_PATTERN = /^convo_[A-Za-z0-9_-]{16,}$/;

/** Loose patterns for finding tokens inside larger text (config files, headers). */
export const TOKEN_SEARCH_PATTERNS: ReadonlyArray<{ kind: TokenKind; pattern: RegExp }> = [
  { kind: 'mootup_pat', pattern: /mootup_pat_[0-9a-f]{60}/g },
  { kind: 'moly_pat', pattern: /mp_[A-Za-z0-9_-]{43,}/g },
  { kind: 'agent_key', pattern: /convo_[A-Za-z0-9_-]{16,}/g },
];

const KIND_WORDS: Record<Exclude<TokenKind, 'unknown'>, string> = {
  mootup_pat: 'a mootup personal access token',
  moly_pat: 'a Moly personal access token',
  agent_key: 'a mootup agent key',
};

// 24+ base64/hex characters in a row with a letter and a digit: how a key of unknown shape looks.
const RANDOM_RUN = /[A-Za-z0-9+/=_]{24,}/g;

/**
 * What in free text (a label, a name, a URL's query value) looks like a secret — a known token
 * shape, a bearer credential, or a long random-looking run — in words, or null. Never the text.
 */
export function secretLikeIn(text: string): string | null {
  for (const { kind, pattern } of TOKEN_SEARCH_PATTERNS) if (new RegExp(pattern.source).test(text)) return KIND_WORDS[kind as Exclude<TokenKind, 'unknown'>];
  if (/\bBearer\s+\S{8,}/i.test(text)) return 'a bearer credential';
  for (const run of text.match(RANDOM_RUN) ?? []) if (/\d/.test(run) && /[A-Za-z]/.test(run)) return 'a long random string';
  return null;
}

/**
 * The first character no token may hold — a control character (C0, DEL, C1: a NUL would cut the
 * stored token short) or an invisible format character (BOM, zero-width) — in words, or null.
 */
export function forbiddenCharacterIn(token: string): string | null {
  const match = /[\p{Cc}\p{Cf}]/u.exec(token);
  if (!match) return null;
  const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = /\p{Cc}/u.test(match[0]) ? 'a control character' : 'an invisible character';
  return `${what} (${code} at position ${match.index + 1})`;
}

export const EXPECTED_MOOTUP_PAT_SHAPE = '"mootup_pat_" followed by 60 lowercase hex characters (71 characters in all)';

/** Which known shape a token has, if any. */
export function classifyToken(token: string): TokenKind {
  if (MOOTUP_PAT_PATTERN.test(token)) return 'mootup_pat';
  if (MOLY_PAT_PATTERN.test(token)) return 'moly_pat';
  if (AGENT_KEY_PATTERN.test(token)) return 'agent_key';
  return 'unknown';
}

/** The 8-character `token_prefix` mootup reports for a PAT (first 8 hex characters after `mootup_pat_`). */
export function mootupTokenPrefix(token: string): string | null {
  return MOOTUP_PAT_PATTERN.test(token) ? token.slice('mootup_pat_'.length, 'mootup_pat_'.length + 8) : null;
}

const HINT_PREFIXES: Record<Exclude<TokenKind, 'unknown'>, number> = {
  // mootup already publishes the first 8 hex characters as token_prefix.
  mootup_pat: 'mootup_pat_'.length + 8,
  moly_pat: 'mp_'.length + 4,
  agent_key: 'convo_'.length + 4,
};

/**
 * A display form that identifies a token without revealing it: its prefix, "…", and its last 4
 * characters. A token of unknown shape shows only its last 4 (nothing at all when it is short).
 */
export function tokenHint(token: string): string {
  const kind = classifyToken(token);
  const tail = token.length >= 16 ? token.slice(-4) : '';
  if (kind === 'unknown') return `…${tail}`;
  return `${token.slice(0, HINT_PREFIXES[kind])}…${tail}`;
}

export interface TokenCheck {
  ok: boolean;
  kind: TokenKind;
  /** Why the token was refused (ok = false) or what is odd about it (ok = true). */
  message?: string;
}

/** Checks a token for a profile of the given kind: mootup refuses any other shape, mcp only warns. */
export function checkTokenForProfile(profileKind: 'mootup' | 'mcp', token: string): TokenCheck {
  if (token.length === 0) return { ok: false, kind: 'unknown', message: 'the token is empty' };
  const forbidden = forbiddenCharacterIn(token);
  if (forbidden) return { ok: false, kind: 'unknown', message: `the token contains ${forbidden}; paste exactly the token, nothing else` };
  if (/\s/.test(token)) {
    return { ok: false, kind: 'unknown', message: 'the token contains whitespace; paste exactly one token' };
  }
  const kind = classifyToken(token);
  if (profileKind === 'mootup') {
    if (kind === 'mootup_pat') return { ok: true, kind };
    const what = kind === 'agent_key' ? 'an agent API key (convo_…), not a personal access token' : 'not a mootup personal access token';
    return { ok: false, kind, message: `this is ${what}: expected ${EXPECTED_MOOTUP_PAT_SHAPE}` };
  }
  if (kind === 'moly_pat' || kind === 'mootup_pat') return { ok: true, kind };
  if (kind === 'agent_key') {
    return { ok: true, kind, message: 'this looks like a mootup agent API key (convo_…); stored anyway, but a PAT is usual for MCP services' };
  }
  return { ok: true, kind, message: 'token shape not recognised (not mp_… or mootup_pat_…); stored as given' };
}
