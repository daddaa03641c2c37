import { useState } from 'react';
import type { EditorConfigView } from '../../../../shared/app-state';
import type { ProfileView } from '../../../../shared/profile';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { useAction } from '../../store/use-action';

/** "Connect all": one profile into every client present on this computer, in one click (core's install --all). */
export function ConnectAll({ editors, profiles }: { editors: EditorConfigView[]; profiles: ProfileView[] }) {
  const action = useAction('editors:connect-all');
  const [picked, setPicked] = useState('');
  const present = editors.filter((e) => e.present);
  const chosen = profiles.some((p) => p.name === picked) ? picked : (profiles[0]?.name ?? '');
  if (present.length === 0 || profiles.length === 0) return null;
  return (
    <div className="card connect-all" data-testid="connect-all">
      <p>
        Connect every client found here ({present.map((e) => e.display_name).join(', ')}) to one profile: each starts tokentray for its MCP server, with
        the token from your keychain.
      </p>
      <div className="card-actions">
        {profiles.length > 1 && <InlineSelect label="Profile" value={chosen} options={profiles.map((p) => ({ value: p.name, label: p.name }))} onChange={setPicked} />}
        <button type="button" className="primary" disabled={action.pending} onClick={() => void action.run('editors:install-all', { profile: chosen })}>
          {action.pending ? 'Connecting…' : 'Connect all'}
        </button>
      </div>
      <ActionMessage result={action.result} />
    </div>
  );
}
