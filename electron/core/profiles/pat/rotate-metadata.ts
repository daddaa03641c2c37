import type { RotationStep } from '../../../../shared/rotation-steps';
import type { CoreContext } from '../../context';
import { patchProfile } from '../profile-store';
import { verifiedBy, withHeld, type Held } from '../token-metadata';
import type { StepLog } from './rotate-result';

/** Makes profiles.json describe the token in the keychain, as step `step`. Returns the problem, if any. */
export async function recordHeld(ctx: CoreContext, name: string, held: Held, log: StepLog, step: RotationStep, said: string): Promise<string | null> {
  try {
    await patchProfile(ctx.home, name, (p) => withHeld(p, held));
    log.ok(step, said);
    return null;
  } catch (error) {
    return log.failed(step, error);
  }
}

/** After "verify ok": the stored token works, so the profile is checked ok and no longer revoked. Returns the problem, if any. */
export async function recordVerified(ctx: CoreContext, name: string, log: StepLog): Promise<string | null> {
  try {
    const at = ctx.now().toISOString();
    await patchProfile(ctx.home, name, (p) => verifiedBy(p, at, 'pat rotate'));
    return null;
  } catch (error) {
    return log.failed('check', error);
  }
}
