import type { ViewName } from '../store/slices/nav-slice';
import { useAppStore } from '../store/app-store';
import { useUiStore } from '../store/ui-store';

const VIEWS: ReadonlyArray<{ name: ViewName; label: string }> = [
  { name: 'welcome', label: 'Get started' },
  { name: 'profiles', label: 'Profiles' },
  { name: 'agents', label: 'Agents' },
  { name: 'editors', label: 'Editors' },
  { name: 'activity', label: 'Activity' },
];

/** The side navigation; each entry carries a count of what needs attention in that view. */
export function NavBar() {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const state = useAppStore((s) => s.state);
  const attention: Record<ViewName, number> = {
    welcome: 0,
    profiles: state.profiles.filter((p) => p.status !== 'ok' && p.status !== 'unchecked').length,
    agents: state.workspaces.filter((w) => w.hygiene.length > 0).length,
    editors: state.findings.length + state.editors.reduce((n, e) => n + e.files.reduce((m, f) => m + f.installed.filter((i) => i.command_missing).length, 0), 0),
    activity: 0,
  };
  return (
    <nav className="nav" aria-label="Sections">
      <ul>
        {/* "Get started" only while it is useful: no profile yet, or the person is on it. */}
        {VIEWS.filter((v) => v.name !== 'welcome' || view === 'welcome' || state.profiles.length === 0).map((v) => (
          <li key={v.name}>
            <button type="button" className="nav-item" aria-current={view === v.name ? 'page' : undefined} onClick={() => setView(v.name)}>
              {v.label}
              {attention[v.name] > 0 && (
                <>
                  <span className="nav-count" aria-hidden="true">
                    {attention[v.name]}
                  </span>
                  <span className="visually-hidden">, {attention[v.name]} need attention</span>
                </>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
