import { useEffect, useState } from 'react';
import { describeProfileStatus, type ProfileView } from '../../../../shared/profile';
import { profileActions } from '../../../../shared/profile-actions';
import { ActionMessage } from '../../components/action-message';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StatusBadge } from '../../components/status-badge';
import { profileBadge } from '../../lib/badges';
import { formatTime } from '../../lib/format';
import { useAction } from '../../store/use-action';
import { useFocusTarget } from '../../store/use-focus';
import { useUiStore } from '../../store/ui-store';
import { ProfileEditForm } from './profile-edit-form';
import { ReplaceTokenForm } from './replace-token-form';

/** One profile: what it is, its token hint and status, and check / replace / rotate / remove. */
export function ProfileCard({ profile }: { profile: ProfileView }) {
  const action = useAction(`profile:${profile.name}`);
  // One inline form at a time: replacing the token or editing label and expiry.
  const [form, setForm] = useState<'replace' | 'edit' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const now = new Date();
  const { name } = profile;
  const oauth = profile.auth === 'oauth';
  const allowed = profileActions(profile);
  const { ref, focused } = useFocusTarget<HTMLLIElement>((t) => t.view === 'profiles' && t.profile === name);
  // A `replace-token` remedy's button (anywhere in the window) asks this card to open its form.
  const replaceAsked = useUiStore((s) => s.replaceFor === name);
  useEffect(() => {
    if (!replaceAsked) return;
    setForm('replace');
    useUiStore.getState().openReplace(null);
  }, [replaceAsked]);

  return (
    <li ref={ref} className={`card profile-card${focused ? ' is-focused' : ''}`} data-testid={`profile-${name}`} aria-labelledby={`profile-title-${name}`} aria-current={focused ? 'true' : undefined}>
      <div className="card-head">
        <h3 id={`profile-title-${name}`}>{profile.label ? `${profile.label} (${name})` : name}</h3>
        <StatusBadge badge={profileBadge(profile, now)} detail={describeProfileStatus(profile, now)} />
      </div>
      <dl className="facts">
        <dt>Service</dt>
        <dd>
          {profile.kind === 'mootup' ? 'mootup' : 'MCP'} · {profile.url}
        </dd>
        <dt>{oauth ? 'Sign-in' : 'Token'}</dt>
        <dd className="mono" data-testid="token-hint">
          {oauth ? oauthFacts(profile) : (profile.token_hint ?? '—')}
        </dd>
        {profile.kind === 'mcp' && !oauth && (
          <>
            <dt>Expires</dt>
            <dd>{profile.expires_at ?? 'never'}</dd>
          </>
        )}
        <dt>Last check</dt>
        <dd>{profile.last_check ? `${formatTime(profile.last_check.at)}: ${profile.last_check.result}${profile.last_check.message ? ` (${profile.last_check.message})` : ''}` : 'never'}</dd>
      </dl>
      {profile.status !== 'ok' && profile.status !== 'unchecked' && <p className="status-detail">{statusAdvice(profile)}</p>}
      <div className="card-actions">
        <button type="button" disabled={action.pending} onClick={() => void action.run('profile:check', { name })}>
          Check
        </button>
        {allowed.signIn && (
          <button type="button" className={profile.oauth?.sign_in || !profile.has_token ? 'primary' : undefined} disabled={action.pending} onClick={() => void action.run('oauth:login', { name })}>
            {profile.has_token ? 'Sign in again…' : 'Sign in…'}
          </button>
        )}
        {allowed.signOut && (
          <button type="button" disabled={action.pending} onClick={() => void action.run('oauth:logout', { name })}>
            Sign out
          </button>
        )}
        {allowed.replace && (
          <button type="button" disabled={action.pending} aria-expanded={form === 'replace'} onClick={() => setForm(form === 'replace' ? null : 'replace')}>
            Replace token…
          </button>
        )}
        <button type="button" disabled={action.pending} aria-expanded={form === 'edit'} onClick={() => setForm(form === 'edit' ? null : 'edit')}>
          Edit…
        </button>
        {allowed.rotate && (
          <button type="button" disabled={action.pending} onClick={() => void action.run('pat:rotate', { name })}>
            Rotate
          </button>
        )}
        <button type="button" className="danger-outline" disabled={action.pending} onClick={() => setConfirmRemove(true)}>
          Remove…
        </button>
        {action.pending && <span className="busy" role="status">Working…</span>}
      </div>
      {form === 'replace' && <ReplaceTokenForm profile={profile} action={action} onDone={() => setForm(null)} />}
      {form === 'edit' && <ProfileEditForm profile={profile} action={action} onDone={() => setForm(null)} />}
      <ActionMessage result={action.result} retry={action.retry} />
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${name}?`}
        confirmLabel={`Remove ${name}`}
        danger
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => {
          setConfirmRemove(false);
          void action.run('profile:remove', { name });
        }}
      >
        <p>
          {oauth ? 'The sign-in is deleted from your keychain.' : 'The token is deleted from your keychain.'} Editors set up to use <strong>{name}</strong> stop working until you add it again. The
          token itself stays valid on {profile.kind === 'mootup' ? 'mootup' : 'the service'}; revoke it there if you no longer need it.
        </p>
      </ConfirmDialog>
    </li>
  );
}

function statusAdvice(profile: ProfileView): string {
  switch (profile.status) {
    case 'missing_token':
      return 'The token is no longer in your keychain. Use “Replace token…” to paste it again.';
    case 'revoked':
      return `The service refuses this token since ${profile.revoked_at?.slice(0, 10) ?? 'its last check'}: it was revoked. Create a new token on the service and use “Replace token…”.`;
    case 'expired':
      return `The token ${describeProfileStatus(profile)}. Create a new one on the service and use “Replace token…”.`;
    case 'expiring':
      return `The token ${describeProfileStatus(profile)}. ${profile.kind === 'mootup' ? 'Rotate it' : 'Create a new one and replace it'} before then.`;
    default:
      return '';
  }
}

/** What the window shows of an OAuth sign-in: whom, until when, which scopes (never a token). */
function oauthFacts(profile: ProfileView): string {
  const meta = profile.oauth;
  if (meta?.sign_in) return 'waiting for you in the browser';
  if (!profile.has_token) return 'not signed in';
  const parts = [meta?.signed_in_as ? `as ${meta.signed_in_as}` : 'signed in', meta?.expires_at ? `until ${formatTime(meta.expires_at)}` : null, meta?.scopes?.length ? `scopes: ${meta.scopes.join(' ')}` : null];
  return parts.filter(Boolean).join(' · ');
}
