/** How long requests after `notifications/initialized` wait for the GET stream to open. */
const LISTEN_GATE_MS = 3000;

/**
 * Editor messages that must not reach the server yet. Everything read after `initialize` waits for
 * its answer (it creates the session the rest needs). Requests read after `notifications/initialized`
 * wait (at most LISTEN_GATE_MS) until the GET stream is open, refused or failed: a server sends its
 * own requests (sampling, elicitation) unrelated to a call there, and drops what it sends before that
 * stream exists. Nothing is held (and nothing allocated) once both have passed.
 */
export class RequestGates {
  private init: Promise<void> | null = null;
  private listen: Promise<void> | null = null;

  /** `handled` settles once the editor's initialize is answered. */
  afterInitialize(handled: Promise<void>): void {
    const gate: Promise<void> = handled.then(() => {
      if (this.init === gate) this.init = null;
    });
    this.init = gate;
  }

  /** `listening` settles once the GET stream opened, was refused or failed (after notifications/initialized). */
  afterInitialized(listening: Promise<void>): void {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_GATE_MS)));
    this.listen = Promise.race([listening, bound]).then(() => {
      clearTimeout(timer);
      this.listen = null;
    });
  }

  /** What a request must wait for (null: nothing; initialize itself waits for no initialize). */
  forRequest(isInitialize: boolean): Promise<void> | null {
    if ((isInitialize || !this.init) && !this.listen) return null;
    return (async () => {
      if (this.init && !isInitialize) await this.init;
      if (this.listen) await this.listen;
    })();
  }

  /** What a notification or response must wait for: the initialize answer only. */
  forMessage(): Promise<void> | null {
    return this.init;
  }
}
