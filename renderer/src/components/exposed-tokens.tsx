import type { ExposedToken } from '../../../shared/ipc';
import { useAction } from '../store/use-action';
import { useUiStore } from '../store/ui-store';
import { ActionMessage } from './action-message';

/** One exposed token: what happened, and the one click that makes it safe again. */
function ExposedRow({ token }: { token: ExposedToken }) {
  const rotate = useAction(`rotate-exposed:${token.profile}`);
  const navigate = useUiStore((s) => s.navigate);
  return (
    <li className="exposed" data-testid={`exposed-${token.profile}`}>
      <p>
        The token now in <strong>{token.profile}</strong> (<span className="mono">{token.token_hint}</span>) sat in plain text in{' '}
        <span className="mono">{token.file}</span>: treat it as exposed.{' '}
        {token.kind === 'mootup' ? 'Rotating replaces it with a new token and revokes the old one.' : 'Revoke it at the service, then paste the new token with “Replace token…”.'}
      </p>
      <div className="card-actions">
        {token.kind === 'mootup' ? (
          <button type="button" className="primary" disabled={rotate.pending || rotate.result?.ok === true} onClick={() => void rotate.run('pat:rotate', { name: token.profile })}>
            {rotate.pending ? 'Rotating…' : rotate.result?.ok ? 'Rotated' : `Rotate ${token.profile}`}
          </button>
        ) : (
          <button type="button" onClick={() => navigate({ view: 'profiles', profile: token.profile })}>
            Open {token.profile}
          </button>
        )}
      </div>
      <ActionMessage result={rotate.result} />
    </li>
  );
}

/** The advice after a migration: each token that sat in plain text, with Rotate (mootup) or the way to replace it. */
export function ExposedTokens({ tokens }: { tokens: ExposedToken[] | undefined }) {
  if (!tokens || tokens.length === 0) return null;
  return (
    <ul className="exposed-list" aria-label="Tokens to replace">
      {tokens.map((t) => (
        <ExposedRow key={t.profile} token={t} />
      ))}
    </ul>
  );
}
