import type { Remedy } from '../../../shared/remedy';
import { remedyButton, remedyHint } from '../../../shared/remedy';
import { useAction } from '../store/use-action';
import { useUiStore } from '../store/ui-store';

/**
 * What a person can do about an answer, as a button (shared/remedy.ts words it): open the profile's
 * "Replace token" form, sign in again, or try again once the keyring is unlocked. A `confirm` remedy is
 * not a button: shared/confirm-loop.ts asks it as a dialog.
 */
export function RemedyButton({ remedy, retry }: { remedy: Remedy | undefined; retry?: () => void }) {
  // Sign-in answers appear on the profile's own card, like its Sign in button's.
  const signIn = useAction(`profile:${remedy && 'profile' in remedy ? remedy.profile : ''}`);
  if (!remedy) return null;
  const label = remedyButton(remedy);
  if (!label) return null;
  const click = () => {
    switch (remedy.kind) {
      case 'replace-token':
        return useUiStore.getState().openReplace(remedy.profile);
      case 'sign-in':
        return void signIn.run('oauth:login', { name: remedy.profile });
      case 'unlock-keychain':
        return retry?.();
      case 'confirm':
        return undefined;
    }
  };
  if (remedy.kind === 'unlock-keychain' && !retry) return <p className="remedy-hint">{remedyHint(remedy)}</p>;
  return (
    <p className="remedy">
      <button type="button" className="primary" data-testid="remedy" data-remedy={remedy.kind} disabled={signIn.pending} onClick={click}>
        {label}
      </button>
    </p>
  );
}
