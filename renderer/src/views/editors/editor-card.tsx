import { useState } from 'react';
import type { EditorConfigView, WorkspaceView } from '../../../../shared/app-state';
import type { IpcRequest } from '../../../../shared/ipc';
import type { ProfileView } from '../../../../shared/profile';
import { ActionMessage } from '../../components/action-message';
import { InlineSelect } from '../../components/inline-select';
import { StatusBadge } from '../../components/status-badge';
import { useAction } from '../../store/use-action';

type EditorId = IpcRequest<'editors:install'>['editor'];

/** The workspace a project-scope config file belongs to, so removing its entry can name the project. */
function projectOf(path: string, workspaces: WorkspaceView[]): string | undefined {
  return workspaces.find((w) => path.startsWith(`${w.dir.replace(/[\\/]+$/, '')}/`) || path.startsWith(`${w.dir.replace(/[\\/]+$/, '')}\\`))?.dir;
}

/** One editor: whether it is installed here, tokentray's entries in its config files, and install per profile. */
export function EditorCard({ editor, profiles, workspaces }: { editor: EditorConfigView; profiles: ProfileView[]; workspaces: WorkspaceView[] }) {
  const action = useAction(`editor:${editor.editor}`);
  const [profile, setProfile] = useState('');
  const [snippet, setSnippet] = useState<string | null>(null);
  const chosen = profiles.some((p) => p.name === profile) ? profile : (profiles[0]?.name ?? '');
  const id = editor.editor as EditorId;
  const entries = editor.files.flatMap((f) => f.installed.map((entry) => ({ ...entry, file: f })));
  const installed = new Set(entries.filter((e) => e.file.scope === 'user').map((e) => e.profile));

  return (
    <li className="card editor-card" data-testid={`editor-${editor.editor}`} aria-labelledby={`editor-${editor.editor}-title`}>
      <div className="card-head">
        <h3 id={`editor-${editor.editor}-title`}>{editor.display_name}</h3>
        <StatusBadge badge={editor.present ? { label: 'detected', tone: 'ok' } : { label: 'not found', tone: 'muted' }} />
      </div>
      {entries.length === 0 ? (
        <p className="muted">No tokentray entry in its config yet: it does not use tokentray.</p>
      ) : (
        <ul className="entry-list" aria-label={`tokentray entries in ${editor.display_name}`}>
          {entries.map((e) => {
            const project = e.file.scope === 'project' ? projectOf(e.file.path, workspaces) : undefined;
            const removable = e.file.scope === 'user' || project !== undefined;
            return (
              <li key={`${e.file.path}:${e.key}`}>
                <span>
                  <strong>{e.key}</strong> uses profile <strong>{e.profile}</strong>
                </span>
                <span className="mono muted">{e.file.path}</span>
                {e.command_missing && (
                  <span className="inline-error" data-testid="command-missing">
                    {editor.display_name} cannot start tokentray for this entry: {e.command ? <span className="mono">{e.command}</span> : 'its command'} no longer exists. Use “Repair editor entries” above.
                  </span>
                )}
                {removable && (
                  <button type="button" disabled={action.pending} onClick={() => void action.run('editors:remove', { editor: id, profile: e.profile, scope: e.file.scope, ...(project && { project }) })}>
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {profiles.length === 0 ? (
        <p className="muted">Add a profile first; then you can install it here with one click.</p>
      ) : (
        <div className="card-actions">
          <InlineSelect label="Profile" value={chosen} options={profiles.map((p) => ({ value: p.name, label: p.name }))} onChange={setProfile} />
          <button type="button" disabled={action.pending || !chosen || installed.has(chosen)} onClick={() => void action.run('editors:install', { editor: id, profile: chosen, scope: 'user' })}>
            {installed.has(chosen) ? 'Installed' : `Install in ${editor.display_name}`}
          </button>
          <button
            type="button"
            disabled={action.pending || !chosen}
            onClick={async () => setSnippet((await action.run('profile:mcp-config', { name: chosen, editor: id })).snippet ?? null)}
          >
            Show config
          </button>
        </div>
      )}
      <ActionMessage result={action.result} hideWhenOk={snippet !== null} />
      {snippet !== null && (
        <div className="snippet">
          <p className="muted">To set it up by hand, put this entry in {editor.display_name}'s MCP config. It holds a command, not a token.</p>
          <pre className="mono" aria-label={`${editor.display_name} config entry`} tabIndex={0}>
            {snippet}
          </pre>
        </div>
      )}
    </li>
  );
}
