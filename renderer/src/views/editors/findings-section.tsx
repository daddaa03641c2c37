import type { TokenFindingView } from '../../../../shared/app-state';
import type { IpcResponse } from '../../../../shared/ipc';
import { ActionMessage } from '../../components/action-message';
import { ExposedTokens } from '../../components/exposed-tokens';
import { useAction } from '../../store/use-action';

/** Tokens found in plain text in editor config files, with Migrate (into the keychain) and Scan again. */
export function FindingsSection({ findings }: { findings: TokenFindingView[] }) {
  const migrate = useAction('editors:migrate');
  const scan = useAction('editors:scan');
  return (
    <section className={`card findings ${findings.length > 0 ? 'is-warning' : ''}`} aria-labelledby="findings-title">
      <div className="card-head">
        <h2 id="findings-title">{findings.length > 0 ? `Tokens in plain text (${findings.length})` : 'Tokens in plain text'}</h2>
        <button type="button" className="push-right" disabled={scan.pending} onClick={() => void scan.run('editors:scan', {})}>
          {scan.pending ? 'Scanning…' : 'Scan again'}
        </button>
      </div>
      {findings.length === 0 ? (
        <p className="muted">No editor config file holds a token in plain text.</p>
      ) : (
        <>
          <p>Anyone who can read these files can use these tokens. Migrate moves each into your keychain and points the editor at tokentray instead.</p>
          <ul className="finding-list">
            {findings.map((f, i) => (
              <li key={i}>
                <span className="mono">{f.token_hint}</span> in <span className="mono">{f.file}</span> at <span className="mono">{f.json_path}</span>
                {f.editor && <span className="muted"> ({f.editor})</span>}
              </li>
            ))}
          </ul>
          <button type="button" className="primary" disabled={migrate.pending} onClick={() => void migrate.run('editors:migrate', {})}>
            {migrate.pending ? 'Migrating…' : 'Migrate to keychain'}
          </button>
        </>
      )}
      <ActionMessage result={scan.result} hideWhenOk />
      <ActionMessage result={migrate.result} />
      <ExposedTokens tokens={(migrate.result as IpcResponse<'editors:migrate'> | undefined)?.exposed} />
    </section>
  );
}
