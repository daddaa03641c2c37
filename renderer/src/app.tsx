import { useEffect } from 'react';
import { AppControls } from './components/app-controls';
import { NavBar } from './components/nav-bar';
import { NoTrayNotice } from './components/no-tray-notice';
import { RefreshButton } from './components/refresh-button';
import { useAppStore } from './store/app-store';
import { useUiStore } from './store/ui-store';
import { ActivityView } from './views/activity/activity-view';
import { AgentsView } from './views/agents/agents-view';
import { EditorsView } from './views/editors/editors-view';
import { ProfilesView } from './views/profiles/profiles-view';
import { WelcomeView } from './views/welcome/welcome-view';

const VIEWS = { welcome: WelcomeView, profiles: ProfilesView, agents: AgentsView, editors: EditorsView, activity: ActivityView };

/** The settings window: header, navigation, and the chosen view once main's state has arrived. */
export function App() {
  const ready = useAppStore((s) => s.ready);
  const connectError = useAppStore((s) => s.connectError);
  const view = useUiStore((s) => s.view);
  useEffect(() => void useAppStore.getState().connect(), []);
  // With no profile yet, the window opens on the first-run view (decided once, on the first state).
  useEffect(() => {
    if (!ready) return;
    if (useAppStore.getState().state.profiles.length === 0 && !useAppStore.getState().state.errors.some((e) => e.source === 'profiles')) useUiStore.getState().setView('welcome');
  }, [ready]);
  // Success notes belong to the visit that caused them; failures stay where they happened. The add
  // form folds away too (its draft, never the token, is kept for when it is opened again).
  useEffect(() => {
    useUiStore.getState().clearSucceeded();
    useUiStore.getState().setFormOpen(false);
  }, [view]);
  const View = VIEWS[view];
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">tokentray</span>
        {ready && <AppControls />}
        {ready && <RefreshButton />}
      </header>
      <NavBar />
      <main className="content" id="content">
        {connectError ? (
          <p className="inline-error" role="alert">
            {connectError}
          </p>
        ) : ready ? (
          <>
            <NoTrayNotice />
            <View />
          </>
        ) : (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
      </main>
    </div>
  );
}
