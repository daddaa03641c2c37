import type { AuditStatus } from '../../../shared/audit';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';

/** Appends one release/takeover to the audit log: who, what, result. Never a key (messages here carry none). */
export function auditAgentAction(
  ctx: CoreContext,
  kind: 'agent.release' | 'agent.takeover',
  entry: { actor_id: string; profile?: string; status: AuditStatus; message: string },
): void {
  appendAudit(ctx.home, { kind, time: ctx.now().toISOString(), ...entry });
}
