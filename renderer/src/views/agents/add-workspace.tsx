import { useState } from 'react';
import type { ProfileView } from '../../../../shared/profile';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { useAppStore } from '../../store/app-store';
import { useAction } from '../../store/use-action';

/** "Add a folder…": main's folder picker, then workspace:add with the chosen mootup profile. */
export function AddWorkspace({ profiles }: { profiles: ProfileView[] }) {
  const action = useAction('workspace:add');
  const [profile, setProfile] = useState(profiles[0]?.name ?? '');
  const chosen = profiles.some((p) => p.name === profile) ? profile : profiles[0]?.name;

  const add = async () => {
    action.show(null);
    let dir: string | null;
    try {
      ({ dir } = await useAppStore.getState().call('workspace:pick', {}));
    } catch {
      return action.show({ ok: false, code: 'ipc', message: 'The folder picker did not open. Try again; if it keeps failing, restart tokentray.' });
    }
    if (dir) await action.run('workspace:add', { dir, ...(chosen && { profile: chosen }) });
  };

  return (
    <div className="add-workspace">
      {profiles.length > 1 && (
        <InlineSelect label="Profile" value={chosen ?? ''} options={profiles.map((p) => ({ value: p.name, label: p.name }))} onChange={setProfile} />
      )}
      <button type="button" className="primary" disabled={action.pending} onClick={() => void add()}>
        Add a folder…
      </button>
      <ActionMessage result={action.result} />
    </div>
  );
}
