import type { ReactNode } from 'react';

/** One numbered step of the first-run view; `done` marks it (the step stays usable). */
export function SetupStep({ n, title, done, children, testId }: { n: number; title: string; done: boolean; children: ReactNode; testId: string }) {
  return (
    <li className={`card setup-step${done ? ' is-done' : ''}`} data-testid={testId} aria-labelledby={`${testId}-title`}>
      <div className="card-head">
        <span className="step-number" aria-hidden="true">
          {done ? '✓' : n}
        </span>
        <h2 id={`${testId}-title`}>{title}</h2>
        {done && <span className="visually-hidden">(done)</span>}
      </div>
      <div className="setup-body">{children}</div>
    </li>
  );
}
