/** What windowWords still words for the GUI: the proxy's sentences for the editor, older recorded lines, input checks naming an option. */
import { describe, expect, it } from 'vitest';
import { hasCliWords, windowWords } from '../../shared/window-words';

// Sentences core writes for someone else that reach the window (the proxy's errors: mcp/token-source, call-table,
// upstream-errors, oauth-token-source; an older version's recorded last check).
const CASES: Array<[string, string]> = [
  [
    'the token of profile "work" was refused (HTTP 401): it was revoked or is invalid; store a new token with `tokentray profile replace work` (or `tokentray pat rotate work`); running editors pick it up without a restart',
    'the token of profile "work" was refused (HTTP 401): it was revoked or is invalid; store a new token with “Replace token…” on the card of work (or “Rotate” on the card of work); running editors pick it up without a restart',
  ],
  ['did not answer tools/call within 1 s; try again; if the server is just slow, let tokentray wait longer: `tokentray profile set raw --timeout <seconds>`', 'did not answer tools/call within 1 s; try again; if the server is just slow, let tokentray wait longer: “Edit…” on the card of raw'],
  ["server answered 404 — check the profile's MCP URL (`tokentray profile show`)", "server answered 404 — check the profile's MCP URL (the Profiles view)"],
  ['tokentray: 127.0.0.1:4000 refused the sign-in of profile "pre"; run `tokentray profile login pre`', 'tokentray: 127.0.0.1:4000 refused the sign-in of profile "pre"; use “Sign in” on the card of pre'],
  ['PAT pat_1 revoked with pat revoke --force', 'PAT pat_1 revoked with pat revoke'],
  ['old PAT still active: revoke it with `tokentray pat revoke work pat_123`', 'old PAT still active: revoke it on mootup (Settings → Personal access tokens)'],
];

describe('windowWords', () => {
  it.each(CASES)('%s', (core, shown) => {
    expect(windowWords(core)).toBe(shown);
    expect(hasCliWords(core)).toBe(true);
    expect(hasCliWords(shown)).toBe(false);
  });

  it('leaves sentences without commands alone, and paths, URLs and dashes in them', () => {
    for (const text of ['Released agt_1: it is now available to take over on any machine.', 'mootup answered 401 — the token was refused', 'https://mootup.io/settings/tokens', '/home/a/.config/tokentray/profiles.json']) {
      expect(windowWords(text)).toBe(text);
    }
  });
});
