import type { ActionResult } from '../../../shared/ipc';
import type { RepairReport } from './repair';

/** The answer of "repair stale entries" in a person's words: how many were pointed at the current command, and what could not be. */
export function repairAnswer(report: RepairReport): ActionResult & { repaired: number; failed: Array<{ file: string; name: string; message: string }> } {
  const failed = report.failed.map((f) => ({ file: f.file, name: f.name, message: f.error }));
  const n = report.repaired.length;
  const message = n === 0 && failed.length === 0 ? 'Every editor entry runs a command that exists; nothing to repair.' : `Repaired ${n} editor entr${n === 1 ? 'y' : 'ies'}: they run ${report.launcher} now.`;
  return { ok: failed.length === 0, message, repaired: n, failed, ...(failed.length > 0 && { warning: failed.map((f) => `${f.file}: ${f.message}`).join(' ') }) };
}
