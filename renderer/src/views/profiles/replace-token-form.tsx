import { useRef, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../../shared/profile';
import type { TokenCheck } from '../../../../shared/token-formats';
import { FormButtons } from '../../components/form-buttons';
import type { ActionHandle } from '../../store/use-action';
import { clearToken, readToken, TokenInput } from './token-input';

/** Pasting a new token for an existing profile (e.g. one made by hand on the service's website). */
export function ReplaceTokenForm({ profile, action, onDone }: { profile: ProfileView; action: ActionHandle; onDone(): void }) {
  const tokenRef = useRef<HTMLInputElement>(null);
  const [check, setCheck] = useState<TokenCheck | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = readToken(tokenRef);
    if (!token) return action.show({ ok: false, code: 'invalid_input', message: 'Paste the new token first.' });
    if (check && !check.ok) return action.show({ ok: false, code: 'invalid_input', message: `This token cannot be used: ${check.message}.` });
    const answer = await action.run('profile:replace', { name: profile.name, token });
    if (answer.ok) {
      clearToken(tokenRef);
      onDone();
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Replace the token of ${profile.name}`}>
      <TokenInput label={`New token for ${profile.name}`} kind={profile.kind} check={check} onCheck={setCheck} inputRef={tokenRef} />
      <FormButtons submitLabel="Replace token" busy={action.pending} onCancel={onDone} />
    </form>
  );
}
