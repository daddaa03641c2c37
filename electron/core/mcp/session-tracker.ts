import { errorMessage } from '../errors';
import { processName, removeEditorSession, writeEditorSession, type EditorSession } from './session-registry';

const WRITE_EVERY_MS = 2000;

/**
 * Keeps this proxy's record in the session registry: written at start, refreshed at most every two
 * seconds while calls happen (one timer, however many calls), removed at exit.
 */
export class SessionTracker {
  private readonly record: EditorSession;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly home: string,
    profile: string,
    private readonly log: (line: string) => void,
  ) {
    this.record = {
      pid: process.pid,
      profile,
      parent_pid: process.ppid,
      parent_name: null,
      started_at: new Date().toISOString(),
      calls: 0,
      last_call_at: null,
      last_error: null,
    };
  }

  /** Writes the first record once the parent's name is known. */
  async start(): Promise<void> {
    this.record.parent_name = await processName(process.ppid);
    this.write();
  }

  /** Counts one call; `error` is the cause of a failed one. */
  call(error: string | null): void {
    this.record.calls++;
    this.record.last_call_at = new Date().toISOString();
    if (error) this.record.last_error = error;
    if (!this.timer && !this.stopped) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.write();
      }, WRITE_EVERY_MS);
      this.timer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    removeEditorSession(this.home, this.record.pid);
  }

  private write(): void {
    if (this.stopped) return;
    try {
      writeEditorSession(this.home, this.record);
    } catch (error) {
      this.log(`tokentray: cannot write the session record: ${errorMessage(error)}`);
    }
  }
}
