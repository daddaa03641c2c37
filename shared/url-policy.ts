/** HTTPS only, except loopback hosts (local sandboxes and tests): the one rule every outbound URL follows. */
import { secretLikeIn, TOKEN_SEARCH_PATTERNS } from './token-formats';

/** Whether a URL hostname is loopback: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Returns null when the URL may carry a token, otherwise the reason it may not. */
export function insecureUrlReason(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // A token pasted where the URL belongs must not be repeated back.
    const given = secretLikeIn(raw) ? 'the value given (it looks like a token, so it is not repeated here)' : `"${raw}"`;
    return `${given} is not a valid URL (expected e.g. https://mootup.io)`;
  }
  if (url.username || url.password) return 'the URL must not contain credentials; tokens go in the keychain';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') {
    return `refusing to send a token over plain HTTP to ${url.host}: use https:// (http:// is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)`;
  }
  return `unsupported URL scheme "${url.protocol}"${secretLikeIn(raw) ? '' : ` in ${raw}`}: use https://`;
}

// Query and fragment parameters that carry credentials by name (compared without case, "-", "_", ".").
const SECRET_PARAMS = new Set([
  'accesstoken', 'token', 'apikey', 'apitoken', 'authtoken', 'key', 'secret', 'clientsecret', 'password', 'passwd', 'pass', 'pwd',
  'auth', 'authorization', 'bearer', 'sig', 'signature', 'refreshtoken', 'idtoken', 'session', 'sessionid', 'sessiontoken', 'jwt',
  'credential', 'credentials', 'privatetoken', 'xapikey',
]);

/**
 * Why a URL must not be stored (profiles.json is plain text) because it carries a secret: a query or
 * fragment parameter named like a credential or holding a token-like value, or a token shape
 * anywhere in it. Null when it carries none. Names the parameter, never its value.
 */
export function secretInUrlReason(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // insecureUrlReason reports it
  }
  const fix = 'a URL is stored in plain text, so give it without the token, and pipe the token on stdin (it goes to the keychain)';
  const parts: Array<[string, URLSearchParams]> = [
    ['query', url.searchParams],
    ['fragment', new URLSearchParams(url.hash.slice(1))],
  ];
  for (const [part, params] of parts) {
    for (const [name, value] of params) {
      const named = SECRET_PARAMS.has(name.toLowerCase().replace(/[-_.]/g, ''));
      if (!value || (!named && !secretLikeIn(value))) continue;
      const which = secretLikeIn(name) ? 'a parameter' : `parameter "${name}"`;
      return `the URL's ${part} ${which} holds ${named ? 'a credential' : secretLikeIn(value)}; ${fix}`;
    }
  }
  const shape = TOKEN_SEARCH_PATTERNS.find(({ pattern }) => new RegExp(pattern.source).test(raw));
  return shape ? `the URL holds what looks like a token; ${fix}` : null;
}
