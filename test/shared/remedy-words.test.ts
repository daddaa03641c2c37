/** Each host's one table for the `action` remedies: the CLI names the command line, the window names no command and no flag. */
import { describe, expect, it } from 'vitest';
import { cliRemedy } from '../../electron/cli/remedy';
import { APP_ACTIONS, isRemedy, remedyButton, remedyHint, type ActionRemedy } from '../../shared/remedy';
import { hasCliWords } from '../../shared/window-words';

const every: ActionRemedy[] = APP_ACTIONS.map((action) => ({ kind: 'action', action, subject: action.startsWith('workspace-') ? '/w/proj' : action.startsWith('agents-') ? 'agt_1' : 'work', pat_id: 'pat_1' }));

describe('action remedies, worded by each host', () => {
  it.each(every)('$action: a command line in the CLI, window words in the window', (remedy) => {
    expect(isRemedy(remedy)).toBe(true);
    const line = cliRemedy(remedy)!;
    expect(line).toMatch(/`(tokentray|git) [a-z]/);
    expect(hasCliWords(remedyHint(remedy))).toBe(false);
    const button = remedyButton(remedy);
    if (button !== null) expect(hasCliWords(button)).toBe(false);
  });

  it('the CLI names the exact command, with the subject and the flags the remedy says', () => {
    expect(cliRemedy({ kind: 'action', action: 'pat-revoke', subject: 'work', pat_id: 'pat_9' })).toBe('revoke it with `tokentray pat revoke work pat_9`');
    expect(cliRemedy({ kind: 'action', action: 'workspace-fix', subject: '/home/a/my proj' })).toBe("fix it with `tokentray workspace fix '/home/a/my proj'`");
    expect(cliRemedy({ kind: 'action', action: 'agents-takeover', subject: 'agt_1', all_workspaces: true })).toBe('take it over with `tokentray agents takeover agt_1 --all-workspaces`');
    expect(cliRemedy({ kind: 'action', action: 'agents-takeover', subject: 'agt_1', force: true })).toBe('take it over with `tokentray agents takeover agt_1 --force`');
    expect(cliRemedy({ kind: 'confirm', action: 'pat-revoke', instead: { kind: 'action', action: 'pat-rotate', subject: 'work' } }, ['pat', 'revoke', 'work', 'pat_1'])).toBe(
      'rotate it with `tokentray pat rotate work`. To revoke it anyway, run `tokentray pat revoke work pat_1 --force`',
    );
  });

  it('refuses what is not an action of the app', () => {
    expect(isRemedy({ kind: 'action', action: 'format-disk' })).toBe(false);
    expect(isRemedy({ kind: 'action', action: 'pat-rotate', subject: '' })).toBe(false);
    expect(isRemedy({ kind: 'confirm', action: 'takeover', instead: { kind: 'sign-in', profile: 'x' } })).toBe(false);
  });
});
