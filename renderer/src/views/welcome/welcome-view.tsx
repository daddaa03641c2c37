import { useUiStore } from '../../store/ui-store';
import { useAppStore } from '../../store/app-store';
import { StepEditors } from './step-editors';
import { StepFolder } from './step-folder';
import { StepToken } from './step-token';
import { StepTokens } from './step-tokens';

/**
 * The first-run view: what the window opens on while no profile exists. Four steps in order, each one
 * click, each skippable; once a profile exists the window no longer opens here.
 */
export function WelcomeView() {
  const setView = useUiStore((s) => s.setView);
  const profiles = useAppStore((s) => s.state.profiles);
  return (
    <section aria-labelledby="view-title" className="view welcome">
      <h1 id="view-title">Welcome to tokentray</h1>
      <p className="intro">tokentray keeps your access tokens in the system keychain, so your editors' config files never hold one. Four steps, one click each; skip any you do not need.</p>
      <ol className="setup-steps">
        <StepTokens />
        <StepToken />
        <StepEditors />
        <StepFolder />
      </ol>
      <div className="form-buttons">
        <button type="button" className={profiles.length > 0 ? 'primary' : undefined} onClick={() => setView('profiles')}>
          {profiles.length > 0 ? 'Done' : 'Skip for now'}
        </button>
      </div>
    </section>
  );
}
