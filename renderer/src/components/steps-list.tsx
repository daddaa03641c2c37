import type { ActionStep } from '../../../shared/ipc';
import { stepWords } from '../lib/messages';

const MARK: Record<ActionStep['status'], string> = { ok: '✓', failed: '✗', skipped: '–' };

/** The step-by-step result of a multi-step action such as a token rotation. */
export function StepsList({ steps }: { steps: ActionStep[] }) {
  return (
    <ol className="steps" aria-label="Steps">
      {steps.map((step, i) => (
        <li key={i} className={`step step-${step.status}`}>
          <span className="step-mark" aria-hidden="true">
            {MARK[step.status]}
          </span>
          <span className="step-name">{stepWords(step.step)}</span>
          <span className="visually-hidden">: {step.status}</span>
          {step.message && <span className="step-message"> — {step.message}</span>}
        </li>
      ))}
    </ol>
  );
}
