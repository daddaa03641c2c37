import { EmptyState } from '../../components/empty-state';
import { SourceErrors } from '../../components/source-errors';
import { useAppStore } from '../../store/app-store';
import { useUiStore } from '../../store/ui-store';
import { ProfileAddForm } from './profile-add-form';
import { ProfileCard } from './profile-card';

/** The Profiles view: every stored token (as a hint) with its status and actions, and the add form. */
export function ProfilesView() {
  const profiles = useAppStore((s) => s.state.profiles);
  const formOpen = useUiStore((s) => s.formOpen);
  const setFormOpen = useUiStore((s) => s.setFormOpen);
  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">Profiles</h1>
      <p className="intro">Your tokens live in the system keychain. tokentray shows only their first and last characters.</p>
      <SourceErrors sources={['profiles']} />
      {profiles.length === 0 ? (
        <EmptyState title="No tokens yet">
          <p>
            Start by adding your mootup personal access token: create one on mootup under <em>Settings → Personal access tokens</em>, copy it, and
            paste it below. For an MCP service such as Moly, choose “An MCP service”.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="Stored profiles">
          {profiles.map((p) => (
            <ProfileCard key={p.name} profile={p} />
          ))}
        </ul>
      )}
      {profiles.length === 0 ? (
        <ProfileAddForm />
      ) : formOpen ? (
        <ProfileAddForm onClose={() => setFormOpen(false)} />
      ) : (
        <button type="button" className="primary" onClick={() => setFormOpen(true)}>
          Add another token…
        </button>
      )}
    </section>
  );
}
