import type { ActionResult } from '../../../shared/ipc';
import { resultSentence } from '../lib/messages';
import { RemedyButton } from './remedy-button';
import { StepsList } from './steps-list';

/** Main's answer to an action, shown beside the control that asked: success, warning, steps, or what went wrong and the button that fixes it. */
export function ActionMessage({ result, hideWhenOk = false, retry }: { result: ActionResult | undefined; hideWhenOk?: boolean; retry?: () => void }) {
  if (!result || (hideWhenOk && result.ok && !result.warning && !result.steps?.length)) return null;
  return (
    <div className={`action-message ${result.ok ? 'is-ok' : 'is-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="action-message">
      <p>{resultSentence(result)}</p>
      {result.warning && <p className="warning">{result.warning}</p>}
      {result.steps && result.steps.length > 0 && <StepsList steps={result.steps} />}
      <RemedyButton remedy={result.remedy} {...(retry && { retry })} />
    </div>
  );
}
