import { useRef, type FormEvent } from 'react';
import { isProfileName } from '../../../../shared/profile';
import { ActionMessage } from '../../components/action-message';
import { FormButtons } from '../../components/form-buttons';
import { EXPIRY_CHOICES, expiryDate, type ExpiryChoice } from '../../lib/expiry';
import { signInOAuthProfile } from '../../lib/oauth-signin';
import { useAppStore } from '../../store/app-store';
import { useAction } from '../../store/use-action';
import { useUiStore } from '../../store/ui-store';
import { clearToken, readToken, recheck, TokenInput } from './token-input';

type Choice = 'mootup' | 'mcp' | 'oauth';

/**
 * The "add a profile" form: kind, name, URLs, the token (format checked as typed) and, for MCP, its
 * expiry. "An MCP service with sign-in" appears only when main can sign OAuth profiles in.
 */
export function ProfileAddForm({ onClose, embedded = false }: { onClose?: () => void; embedded?: boolean }) {
  const { draft, tokenCheck, setDraft, setTokenCheck, resetDraft } = useUiStore();
  const tokenRef = useRef<HTMLInputElement>(null);
  const action = useAction('profile:add');
  const oauth = draft.kind === 'mcp' && draft.auth === 'oauth';
  const expiresOn = draft.kind === 'mcp' && !oauth ? expiryDate(draft.expiry, new Date()) : undefined;
  const choice: Choice = oauth ? 'oauth' : draft.kind;

  const choose = (next: Choice) => {
    const kind = next === 'mootup' ? 'mootup' : 'mcp';
    setDraft({ kind, auth: next === 'oauth' ? 'oauth' : 'token', ...(kind !== draft.kind && { url: kind === 'mootup' ? 'https://mootup.io' : '' }) });
    setTokenCheck(recheck(tokenRef, kind));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (oauth) {
      const problem = !isProfileName(draft.name) ? 'Choose a name of lowercase letters, digits and dashes, such as moly.' : !draft.url.trim() ? 'Enter the MCP server URL.' : null;
      if (problem) return action.show({ ok: false, code: 'invalid_input', message: problem });
      action.show(null);
      const answer = await signInOAuthProfile({ name: draft.name, url: draft.url.trim(), ...(draft.label.trim() && { label: draft.label.trim() }) });
      action.show(answer);
      if (answer.ok) resetDraft();
      return;
    }
    const token = readToken(tokenRef);
    const problem = !isProfileName(draft.name)
      ? 'Choose a name of lowercase letters, digits and dashes, such as mootup-work.'
      : !draft.url.trim()
        ? 'Enter the service URL.'
        : !token
          ? 'Paste the token into the token field.'
          : tokenCheck && !tokenCheck.ok
            ? `This token cannot be used: ${tokenCheck.message}.`
            : null;
    if (problem) return action.show({ ok: false, code: 'invalid_input', message: problem });
    const answer = await action.run('profile:add', {
      name: draft.name,
      kind: draft.kind,
      url: draft.url.trim(),
      ...(draft.mcp_url.trim() && { mcp_url: draft.mcp_url.trim() }),
      ...(draft.label.trim() && { label: draft.label.trim() }),
      ...(draft.kind === 'mcp' && { expires_at: expiresOn ?? null }),
      token,
    });
    if (answer.ok) {
      clearToken(tokenRef);
      resetDraft();
    }
  };

  return (
    <form className={embedded ? 'add-form' : 'card add-form'} onSubmit={submit} aria-labelledby="add-profile-title" noValidate>
      {embedded ? (
        <h3 id="add-profile-title" className="visually-hidden">
          Add a token
        </h3>
      ) : (
        <h2 id="add-profile-title">Add a token</h2>
      )}
      <fieldset className="kind-choice">
        <legend>For</legend>
        <label>
          <input type="radio" name="kind" value="mootup" checked={choice === 'mootup'} onChange={() => choose('mootup')} /> mootup
        </label>
        <label>
          <input type="radio" name="kind" value="mcp" checked={choice === 'mcp'} onChange={() => choose('mcp')} /> An MCP service (e.g. Moly)
        </label>
        <label>
          <input type="radio" name="kind" value="oauth" checked={choice === 'oauth'} onChange={() => choose('oauth')} /> An MCP service with sign-in (OAuth)
        </label>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" value={draft.name} placeholder={draft.kind === 'mootup' ? 'mootup-work' : 'moly'} onChange={(e) => setDraft({ name: e.currentTarget.value })} aria-describedby="profile-name-hint" />
          <p id="profile-name-hint" className="field-hint">
            Lowercase letters, digits and dashes. Editors refer to the token by this name.
          </p>
        </div>
        <div className="field">
          <label htmlFor="profile-label">Label (optional)</label>
          <input id="profile-label" value={draft.label} onChange={(e) => setDraft({ label: e.currentTarget.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="profile-url">{draft.kind === 'mootup' ? 'mootup address' : 'MCP server URL'}</label>
        <input id="profile-url" type="url" value={draft.url} placeholder={draft.kind === 'mootup' ? 'https://mootup.io' : 'https://api.moly.so/mcp'} onChange={(e) => setDraft({ url: e.currentTarget.value })} />
      </div>
      {draft.kind === 'mootup' && (
        <div className="field">
          <label htmlFor="profile-mcp-url">mootup MCP endpoint (optional)</label>
          <input id="profile-mcp-url" type="url" value={draft.mcp_url} placeholder="https://mootup.io/mcp" onChange={(e) => setDraft({ mcp_url: e.currentTarget.value })} />
        </div>
      )}
      {oauth ? (
        <p className="field-hint">tokentray opens the service's sign-in page in your browser; the tokens it gets go straight into your keychain.</p>
      ) : (
        <TokenInput label={draft.kind === 'mootup' ? 'Personal access token' : 'Token'} kind={draft.kind} check={tokenCheck} onCheck={setTokenCheck} inputRef={tokenRef} />
      )}
      {draft.kind === 'mcp' && !oauth && (
        <div className="field">
          <label htmlFor="profile-expiry">Expires after</label>
          <select id="profile-expiry" value={draft.expiry} onChange={(e) => setDraft({ expiry: e.currentTarget.value as ExpiryChoice })} aria-describedby="profile-expiry-hint">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <p id="profile-expiry-hint" className="field-hint">
            {expiresOn ? `Pick the lifetime you gave the token when you created it: it expires on ${expiresOn}, and tokentray warns you two weeks before.` : 'The token never expires.'}
          </p>
        </div>
      )}
      <FormButtons submitLabel={oauth ? 'Sign in…' : action.pending ? 'Saving…' : 'Save to keychain'} busy={action.pending} onCancel={onClose} cancelLabel="Close" />
      <ActionMessage result={action.result} />
    </form>
  );
}
