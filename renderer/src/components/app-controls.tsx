import { useAppStore } from '../store/app-store';
import { useAction } from '../store/use-action';

/** The tray menu's app items, in the window too (where there is no tray they are the only way): start at login, quit. */
export function AppControls() {
  const desktop = useAppStore((s) => s.state.desktop);
  const loginItem = useAction('app:start-at-login');
  const quit = useAction('app:quit');
  if (!desktop) return null;
  return (
    <div className="app-controls">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={desktop.start_at_login}
          disabled={loginItem.pending}
          onChange={(e) => void loginItem.run('app:start-at-login', { enabled: e.currentTarget.checked })}
        />{' '}
        Start at login
      </label>
      <button type="button" disabled={quit.pending} onClick={() => void quit.run('app:quit', {})}>
        Quit tokentray
      </button>
      {loginItem.result && !loginItem.result.ok && (
        <span className="inline-error" role="alert">
          {loginItem.result.message}
        </span>
      )}
    </div>
  );
}
