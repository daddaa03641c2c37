/** HTTPS only, except loopback hosts (local sandboxes and tests): the one rule every outbound URL follows. */

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
    return `"${raw}" is not a valid URL (expected e.g. https://mootup.io)`;
  }
  if (url.username || url.password) return 'the URL must not contain credentials; tokens go in the keychain';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') {
    return `refusing to send a token over plain HTTP to ${url.host}: use https:// (http:// is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)`;
  }
  return `unsupported URL scheme "${url.protocol}" in ${raw}: use https://`;
}
