import { useState } from 'react';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { useAppStore } from '../../store/app-store';
import { useAction } from '../../store/use-action';
import { SetupStep } from './setup-step';

/** Step 3: connect every editor found here to one profile, with one click. */
export function StepEditors() {
  const { editors, profiles } = useAppStore((s) => s.state);
  const action = useAction('editors:install-all');
  const [picked, setPicked] = useState('');
  const present = editors.filter((e) => e.present);
  const chosen = profiles.some((p) => p.name === picked) ? picked : (profiles[0]?.name ?? '');
  const connected = (e: (typeof editors)[number]) => e.files.some((f) => f.scope === 'user' && f.installed.some((i) => i.profile === chosen));
  const done = present.length > 0 && chosen !== '' && present.every(connected);
  return (
    <SetupStep n={3} testId="step-editors" title="Connect all editors" done={done}>
      {present.length === 0 ? (
        <p className="muted">No editor found on this computer yet. Once you install one, connect it from the Editors view.</p>
      ) : (
        <>
          <p>
            Found {present.map((e) => e.display_name).join(', ')}. Connecting them makes each one start tokentray for its MCP server, with the token from your keychain.
          </p>
          {profiles.length === 0 ? (
            <p className="muted">Add a token first (step 2); then connect your editors here with one click.</p>
          ) : (
            <div className="card-actions">
              {profiles.length > 1 && <InlineSelect label="Profile" value={chosen} options={profiles.map((p) => ({ value: p.name, label: p.name }))} onChange={setPicked} />}
              <button type="button" className="primary" disabled={action.pending || done} onClick={() => void action.run('editors:install-all', { profile: chosen })}>
                {action.pending ? 'Connecting…' : done ? 'All editors connected' : 'Connect all editors'}
              </button>
            </div>
          )}
        </>
      )}
      <ActionMessage result={action.result} />
    </SetupStep>
  );
}
