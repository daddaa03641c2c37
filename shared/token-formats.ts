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
