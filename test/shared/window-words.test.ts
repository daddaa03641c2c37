/** Core's sentences as the GUI shows them: every command turned into the window's action, no flag left. */
import { describe, expect, it } from 'vitest';
import { hasCliWords, windowWords } from '../../shared/window-words';

// Sentences as core writes them (electron/core: profile-check, migrate, pat rotate, workspaces, hygiene, takeover, install, keychain).
const CASES: Array<[string, string]> = [
  ['token revoked or invalid: 127.0.0.1:4000 refused it (401); store a new one with `tokentray profile replace work`', 'token revoked or invalid: 127.0.0.1:4000 refused it (401); store a new one with “Replace token…” on the card of work'],
  ['treat it as exposed and rotate it with `tokentray pat rotate mootup`.', 'treat it as exposed and rotate it with “Rotate” on the card of mootup.'],
  ['For fresh agent keys too, run `tokentray agents takeover <actor_id>` for each agent.', 'For fresh agent keys too, use “Take over” in Agents for each agent.'],
  ['folder /w/x no longer exists; remove it with `tokentray workspace remove /w/x`', 'folder /w/x no longer exists; remove it with “Remove from list” on the folder /w/x'],
  ['profile "old" no longer exists; run tokentray workspace add /w/x --profile <name>', 'profile "old" no longer exists; use “Add a folder…” in Agents'],
  [
    'take over each agent to rotate its key (tokentray agents takeover <actor_id> --force), then run git rm --cached .moot/actors.json',
    'take over each agent to rotate its key (“Take over” in Agents), then stop git tracking .moot/actors.json (keeping the file)',
  ],
  ['the key on disk no longer works: run the takeover again with --force.', 'the key on disk no longer works: take it over again.'],
  ['To put a new key in every workspace, run: tokentray agents takeover agt_1 --all-workspaces', 'To put a new key in every workspace, use “Take over” on the agent agt_1'],
  ['holds a plaintext token; move it to the keychain with `tokentray editors migrate` first, or install under another --name', 'holds a plaintext token; move it to the keychain with “Migrate to keychain” in Editors first'],
  ['old PAT still active: revoke it with `tokentray pat revoke work pat_123`', 'old PAT still active: revoke it on mootup (Settings → Personal access tokens)'],
  ['no profile named "x"; `tokentray profile list` shows the ones you have', 'no profile named "x"; the Profiles view shows the ones you have'],
  ['profile "x" is an mcp profile; agents need a mootup profile (--kind mootup)', 'profile "x" is an mcp profile; agents need a mootup profile'],
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
