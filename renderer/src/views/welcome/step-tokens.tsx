import type { IpcResponse } from '../../../../shared/ipc';
import { ActionMessage } from '../../components/action-message';
import { ExposedTokens } from '../../components/exposed-tokens';
import { useAppStore } from '../../store/app-store';
import { useAction } from '../../store/use-action';
import { SetupStep } from './setup-step';

/** Step 1: the plaintext tokens found in editor configs, moved into the keychain with one click, then what to rotate. */
export function StepTokens() {
  const findings = useAppStore((s) => s.state.findings);
  // The same key as the Editors view's Migrate button: one answer, shown in both places.
  const migrate = useAction('editors:migrate');
  const answer = migrate.result as IpcResponse<'editors:migrate'> | undefined;
  const n = findings.length;
  return (
    <SetupStep n={1} testId="step-tokens" title={n > 0 ? `Found ${n} plaintext token${n === 1 ? '' : 's'} in your editor configs` : 'No plaintext tokens in your editor configs'} done={n === 0}>
      {n > 0 ? (
        <>
          <p>Anyone who can read these files can use these tokens. Moving them puts each one in your keychain and points the editor at tokentray instead.</p>
          <ul className="finding-list">
            {findings.map((f, i) => (
              <li key={i}>
                <span className="mono">{f.token_hint}</span> in <span className="mono">{f.file}</span>
              </li>
            ))}
          </ul>
          <div className="card-actions">
            <button type="button" className="primary" disabled={migrate.pending} onClick={() => void migrate.run('editors:migrate', {})}>
              {migrate.pending ? 'Moving…' : 'Move them into the keychain'}
            </button>
          </div>
        </>
      ) : (
        !answer && <p className="muted">tokentray looked through your editors' MCP settings and found no token in plain text.</p>
      )}
      <ActionMessage result={migrate.result} />
      <ExposedTokens tokens={answer?.exposed} />
    </SetupStep>
  );
}
