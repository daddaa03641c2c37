import { useId, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../../shared/profile';
import { FormButtons } from '../../components/form-buttons';
import { InlineSelect } from '../../components/inline-select';
import { EXPIRY_CHOICES, expiryDate, type ExpiryChoice } from '../../lib/expiry';
import type { ActionHandle } from '../../store/use-action';

type ExpiryEdit = 'keep' | ExpiryChoice;

/** Changing a profile's label and, for an MCP token, its expiry (profile:set). The token is not touched. */
export function ProfileEditForm({ profile, action, onDone }: { profile: ProfileView; action: ActionHandle; onDone(): void }) {
  const [label, setLabel] = useState(profile.label ?? '');
  const [expiry, setExpiry] = useState<ExpiryEdit>('keep');
  const labelId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await action.run('profile:set', {
      name: profile.name,
      label: label.trim(),
      ...(profile.kind === 'mcp' && expiry !== 'keep' && { expires_at: expiryDate(expiry, new Date()) }),
    });
    if (answer.ok) onDone();
  };

  const current = profile.expires_at ? `Keep (${profile.expires_at})` : 'Keep (never)';
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Edit ${profile.name}`}>
      <div className="field">
        <label htmlFor={labelId}>Label</label>
        <input id={labelId} value={label} maxLength={200} onChange={(e) => setLabel(e.currentTarget.value)} />
      </div>
      {profile.kind === 'mcp' && (
        <div className="field">
          <InlineSelect
            label="Expires after"
            value={expiry}
            options={[{ value: 'keep', label: current }, ...EXPIRY_CHOICES.map((c) => ({ value: c.value, label: c.value === 'never' ? c.label : `${c.label} from today` }))]}
            onChange={(v) => setExpiry(v as ExpiryEdit)}
          />
        </div>
      )}
      <FormButtons submitLabel="Save changes" busy={action.pending} onCancel={onDone} />
    </form>
  );
}
