import { formatTime } from '../lib/format';
import { useAppStore } from '../store/app-store';
import { useUiStore } from '../store/ui-store';

/** When main last refreshed its state, and a button to refresh now (statuses, agents, editors). */
export function RefreshButton() {
  const refreshedAt = useAppStore((s) => s.state.refreshed_at);
  const pending = useUiStore((s) => s.pending['state:refresh'] === true);
  const failed = useUiStore((s) => s.results['state:refresh']);
  const refresh = async () => {
    const ui = useUiStore.getState();
    ui.startAction('state:refresh');
    try {
      await useAppStore.getState().call('state:refresh', {});
      ui.finishAction('state:refresh', null);
    } catch (error) {
      ui.finishAction('state:refresh', { ok: false, message: `Could not refresh: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return (
    <div className="refresh">
      {failed ? (
        <span className="inline-error" role="alert">
          {failed.message}
        </span>
      ) : (
        refreshedAt && <span className="muted">Updated {formatTime(refreshedAt)}</span>
      )}
      <button type="button" disabled={pending} onClick={() => void refresh()}>
        {pending ? 'Refreshing…' : 'Refresh'}
      </button>
    </div>
  );
}
