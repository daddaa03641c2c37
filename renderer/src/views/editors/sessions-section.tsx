import type { EditorSessionView } from '../../../../shared/app-state';
import { formatTime } from '../../lib/format';

/** Editors connected through tokentray right now (running `tokentray mcp` proxies). */
export function SessionsSection({ sessions }: { sessions: EditorSessionView[] }) {
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Connected now</h2>
      {sessions.length === 0 ? (
        <p className="muted">No editor is using tokentray at the moment. Once an editor starts an MCP server installed below, it shows here.</p>
      ) : (
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.pid}>
              <strong>{s.parent_name ?? 'An editor'}</strong> with profile <strong>{s.profile}</strong>
              <span className="muted">
                {' '}
                · since {formatTime(s.started_at)} · {s.calls} call{s.calls === 1 ? '' : 's'}
              </span>
              {s.last_error && <p className="inline-error">Last error: {s.last_error}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
