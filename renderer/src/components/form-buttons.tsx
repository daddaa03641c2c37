/** The row under an inline form: an optional Cancel (or Close) and the submit button, disabled while busy. */
export function FormButtons({ submitLabel, busy, onCancel, cancelLabel = 'Cancel' }: { submitLabel: string; busy: boolean; onCancel?: () => void; cancelLabel?: string }) {
  return (
    <div className="form-buttons">
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}
