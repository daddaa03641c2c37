import type { ActionRemedy, Remedy } from '../../../shared/remedy';
import { remedyButton, remedyHint } from '../../../shared/remedy';
import { useAction, type ActionHandle } from '../store/use-action';
import { useUiStore } from '../store/ui-store';

/** Where the answer of a remedy's action appears: on the card or the section that action belongs to. */
function answerKey(remedy: Remedy | undefined): string {
  if (!remedy) return 'remedy';
  if (remedy.kind === 'replace-token' || remedy.kind === 'sign-in') return `profile:${remedy.profile}`;
  if (remedy.kind !== 'action') return 'remedy';
  if (remedy.action === 'editors-migrate') return 'editors:migrate';
  if (remedy.action.startsWith('workspace-')) return `workspace:${remedy.subject ?? ''}`;
  return `profile:${remedy.subject ?? ''}`;
}

/** Runs an action remedy the window has a button for (shared/remedy.ts says which: remedyButton). */
function runAction(remedy: ActionRemedy, handle: ActionHandle): void {
  const subject = remedy.subject ?? '';
  switch (remedy.action) {
    case 'pat-rotate':
      return void handle.run('pat:rotate', { name: subject });
    case 'profile-check':
      return void handle.run('profile:check', { name: subject });
    case 'workspace-fix':
      return void handle.run('workspace:fix', { dir: subject });
    case 'workspace-remove':
      return void handle.run('workspace:remove', { dir: subject });
    case 'editors-migrate':
      return void handle.run('editors:migrate', {});
    default:
      return undefined;
  }
}

/**
 * What a person can do about an answer or a sentence of the state, as a button (shared/remedy.ts words
 * it): open the profile's "Replace token" form, sign in again, try again once the keyring is unlocked, or
 * run the action of the app it names (Rotate, Check, Fix, Remove from list, Migrate to keychain). Where
 * the window has no button for it, the hint says where that action lives. A `confirm` remedy is not a
 * button: shared/confirm-loop.ts asks it as a dialog.
 */
export function RemedyButton({ remedy, retry }: { remedy: Remedy | undefined; retry?: () => void }) {
  const handle = useAction(answerKey(remedy));
  if (!remedy || remedy.kind === 'confirm') return null;
  const label = remedyButton(remedy);
  if (!label || (remedy.kind === 'unlock-keychain' && !retry)) {
    return (
      <p className="remedy-hint" data-testid="remedy-hint" data-remedy={remedy.kind === 'action' ? remedy.action : remedy.kind}>
        {remedyHint(remedy)}
      </p>
    );
  }
  const click = () => {
    switch (remedy.kind) {
      case 'replace-token':
        return useUiStore.getState().openReplace(remedy.profile);
      case 'sign-in':
        return void handle.run('oauth:login', { name: remedy.profile });
      case 'unlock-keychain':
        return retry?.();
      case 'action':
        return runAction(remedy, handle);
    }
  };
  return (
    <p className="remedy">
      <button type="button" className="primary" data-testid="remedy" data-remedy={remedy.kind === 'action' ? remedy.action : remedy.kind} disabled={handle.pending} onClick={click}>
        {label}
      </button>
    </p>
  );
}
