/** The Bearer challenge of a `WWW-Authenticate` header (RFC 6750 §3, RFC 9728 §5.1). Pure. */

/** What a Bearer challenge tells a client. */
export interface BearerChallenge {
  /** The protected resource metadata URL (RFC 9728). */
  resource_metadata?: string;
  /** Scopes the request needs, as the server listed them. */
  scope?: string[];
  error?: string;
  error_description?: string;
}

/** Every challenge of the header, each as its lower-cased scheme and its parameters. */
export function parseChallenges(header: string | string[] | undefined): Array<{ scheme: string; params: Record<string, string> }> {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  const challenges: Array<{ scheme: string; params: Record<string, string> }> = [];
  let i = 0;
  const skip = (pattern: RegExp) => {
    while (i < text.length && pattern.test(text[i]!)) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < text.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  while (i < text.length) {
    skip(/[\s,]/);
    const word = token();
    if (!word) {
      i++; // a character no grammar allows here: step over it
      continue;
    }
    skip(/\s/);
    if (text[i] === '=' && challenges.length > 0) {
      i++;
      skip(/\s/);
      let value: string;
      if (text[i] === '"') {
        value = '';
        for (i++; i < text.length && text[i] !== '"'; i++) value += text[i] === '\\' && i + 1 < text.length ? text[++i] : text[i];
        i++;
      } else {
        const start = i;
        while (i < text.length && !/[\s,]/.test(text[i]!)) i++;
        value = text.slice(start, i);
      }
      challenges[challenges.length - 1]!.params[word.toLowerCase()] = value;
      continue;
    }
    challenges.push({ scheme: word.toLowerCase(), params: {} });
    // A token68 after the scheme (e.g. `Basic abc==`): not ours to read.
    if (/[A-Za-z0-9\-._~+/]/.test(text[i] ?? '') && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\s*=[^=]/.test(text.slice(i))) {
      while (i < text.length && !/[\s,]/.test(text[i]!)) i++;
    }
  }
  return challenges;
}

/** The Bearer challenge's parameters; an empty object when the header has none. */
export function bearerChallenge(header: string | string[] | undefined): BearerChallenge {
  const bearer = parseChallenges(header).find((c) => c.scheme === 'bearer');
  if (!bearer) return {};
  const { resource_metadata, scope, error, error_description } = bearer.params;
  return {
    ...(resource_metadata && { resource_metadata }),
    ...(scope !== undefined && { scope: splitScopes(scope) }),
    ...(error && { error }),
    ...(error_description && { error_description }),
  };
}

/** A space-separated scope string as a list (no empties, no duplicates, order kept). */
export function splitScopes(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(/\s+/).filter(Boolean))];
}
