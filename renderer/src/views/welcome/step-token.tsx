import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { ProfileAddForm } from '../profiles/profile-add-form';
import { SetupStep } from './setup-step';

/** Step 2: add a token (mootup, an MCP service, or an MCP service with sign-in once that is available). */
export function StepToken() {
  const profiles = useAppStore((s) => s.state.profiles);
  const [adding, setAdding] = useState(false);
  const done = profiles.length > 0;
  // Another token stored: fold the form away again (its answer stays in the Profiles view).
  useEffect(() => setAdding(false), [profiles.length]);
  return (
    <SetupStep n={2} testId="step-token" title="Add a token" done={done}>
      {done && (
        <p>
          In the keychain now: {profiles.map((p) => p.name).join(', ')}.{' '}
          {!adding && (
            <button type="button" onClick={() => setAdding(true)}>
              Add another token…
            </button>
          )}
        </p>
      )}
      {(!done || adding) && <ProfileAddForm embedded {...(adding && { onClose: () => setAdding(false) })} />}
    </SetupStep>
  );
}
