import type { EditorConfigView } from '../../../../shared/app-state';
import { ActionMessage } from '../../components/action-message';
import { useAction } from '../../store/use-action';

/** Entries whose command is gone (an old AppImage, a moved app), with one click that points them at tokentray again. */
export function RepairSection({ editors }: { editors: EditorConfigView[] }) {
  const repair = useAction('editors:repair');
  const broken = editors.flatMap((e) => e.files.flatMap((f) => f.installed.filter((i) => i.command_missing).map((i) => ({ editor: e.display_name, key: i.key, path: f.path }))));
  if (broken.length === 0 && !repair.result) return null;
  return (
    <section className={`card findings ${broken.length > 0 ? 'is-warning' : ''}`} aria-labelledby="repair-title" data-testid="repair-section">
      <h2 id="repair-title">{broken.length > 0 ? `Editor entries that cannot start tokentray (${broken.length})` : 'Editor entries'}</h2>
      {broken.length > 0 && (
        <>
          <p>These entries run a tokentray command that no longer exists, for example after tokentray was moved or updated. Repair points them at the tokentray installed now; nothing else in the files changes.</p>
          <ul className="finding-list">
            {broken.map((b) => (
              <li key={`${b.path}:${b.key}`}>
                <strong>{b.key}</strong> in {b.editor} (<span className="mono">{b.path}</span>)
              </li>
            ))}
          </ul>
          <button type="button" className="primary" disabled={repair.pending} onClick={() => void repair.run('editors:repair', {})}>
            {repair.pending ? 'Repairing…' : 'Repair editor entries'}
          </button>
        </>
      )}
      <ActionMessage result={repair.result} />
    </section>
  );
}
