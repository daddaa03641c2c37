/**
 * A bound on the upstream exchanges in flight that wait for an answer: a burst of editor messages
 * (2,000 notifications at once) would otherwise open one socket each and run the process out of file
 * descriptors. An exchange holds a slot from dispatch until its answer ends, or until its answer turns
 * out to be an SSE stream: a stream may last as long as a tool runs, and its own answer (sampling,
 * elicitation) must never wait behind it. The rest wait in order; a free slot costs no promise.
 */
export class ExchangeSlots {
  private busy = 0;
  private waiting: Array<() => void> = [];
  private head = 0;

  constructor(readonly max: number) {}

  /** Runs `start` now if a slot is free, else when one is; `start` owns the slot until it calls give(). */
  take(start: () => void): void {
    if (this.busy < this.max && this.head === this.waiting.length) {
      this.busy++;
      start();
    } else {
      this.waiting.push(start);
    }
  }

  /** Frees a slot, handing it to the next waiting exchange. */
  give(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as never;
      if (this.head === this.waiting.length) {
        this.waiting = [];
        this.head = 0;
      }
      next();
    } else {
      this.busy--;
    }
  }
}
