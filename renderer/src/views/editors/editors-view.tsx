import { CLIENT_IDS } from '../../../../shared/clients';
import { EmptyState } from '../../components/empty-state';

const CLIENT_COUNT = CLIENT_IDS.length;
import { SourceErrors } from '../../components/source-errors';
import { useAppStore } from '../../store/app-store';
import { ConnectAll } from './connect-all';
import { EditorCard } from './editor-card';
import { FindingsSection } from './findings-section';
import { RepairSection } from './repair-section';
import { SessionsSection } from './sessions-section';

/** The Editors view: plaintext tokens found, editors connected now, and each editor's tokentray entries. */
export function EditorsView() {
  const { editors, findings, sessions, profiles, workspaces } = useAppStore((s) => s.state);
  const shown = editors.filter((e) => e.present || e.files.some((f) => f.installed.length > 0));
  const missing = editors.filter((e) => !shown.includes(e));
  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Editors</h1>
      <p className="intro">Editors start tokentray as their MCP server, so their config files hold a command instead of a token.</p>
      <SourceErrors sources={['editors', 'sessions']} />
      <RepairSection editors={editors} />
      <FindingsSection findings={findings} />
      <SessionsSection sessions={sessions} />
      {shown.length === 0 ? (
        <EmptyState title="No editors found">
          <p>tokentray looks for {CLIENT_COUNT} MCP clients: editors such as Cursor, VS Code, Zed and Windsurf, and terminal agents such as Claude Code, Codex, Gemini CLI and opencode. Once one of them is installed, you can set it up here with one click.</p>
        </EmptyState>
      ) : (
        <>
          <h2>Editors on this computer</h2>
          <ConnectAll editors={editors} profiles={profiles} />
          <ul className="card-list" aria-label="Editors">
          {shown.map((e) => (
            <EditorCard key={e.editor} editor={e} profiles={profiles} workspaces={workspaces} />
          ))}
          </ul>
        </>
      )}
      {missing.length > 0 && (
        <p className="muted" data-testid="clients-not-found">
          Not found on this computer: {missing.map((e) => e.display_name).join(', ')}. Once one is installed, it shows here.
        </p>
      )}
    </section>
  );
}
