import { appendAudit } from '../audit/audit-log';
import { errorMessage } from '../errors';

/** What the audit log keeps of one proxied call: never arguments, results or the token. */
export interface CallRecord {
  method: string;
  tool?: string;
  status: 'ok' | 'error' | 'cancelled';
  duration_ms: number;
  /** Request plus response size (in UTF-16 units: bytes for ASCII JSON, without re-encoding big messages). */
  bytes: number;
  /** For errors: the cause tag (revoked, network, timeout, server, …), never upstream text. */
  message?: string;
}

/**
 * Appends one audit line per call, off the response path: lines queue up and are written on the
 * next turn of the event loop, so a burst of calls costs one wake-up rather than one per call.
 */
export class CallAudit {
  private queue: Array<CallRecord & { time: string }> = [];
  private scheduled = false;
  private warned = false;

  constructor(
    private readonly home: string,
    private readonly profile: string,
    private readonly log: (line: string) => void,
  ) {}

  record(call: CallRecord): void {
    this.queue.push({ time: new Date().toISOString(), ...call });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes what is queued (also called at exit). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const call of batch) {
      try {
        appendAudit(this.home, { kind: 'mcp.call', profile: this.profile, ...call });
      } catch (error) {
        if (!this.warned) this.log(`tokentray: cannot write the audit log: ${errorMessage(error)}`);
        this.warned = true;
        return;
      }
    }
  }
}
