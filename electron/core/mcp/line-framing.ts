import type { JsonRpcId } from './jsonrpc';

/** What the editor's stdin yields: one complete line, or the news that a line was too long and dropped. */
export type LineEvent = { line: string } | { oversized: number; id: JsonRpcId | null };

const SALVAGE_BYTES = 2048;

/**
 * Splits the editor's stdin into newline-delimited messages (MCP stdio framing). A line longer than
 * `maxBytes` is never held in full: its bytes are dropped as they arrive, keeping only its first and
 * last 2 KiB so the request id can still be found and the editor told why it gets no answer.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;
  private head: Buffer | null = null;
  private tail: Buffer = Buffer.alloc(0);
  private dropped = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly emit: (event: LineEvent) => void,
  ) {}

  /** Feeds one chunk of stdin. */
  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, nl));
      this.finishLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** stdin ended: a last line without a newline still counts. */
  end(): void {
    if (this.size > 0 || this.discarding) this.finishLine();
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (!this.discarding && this.size + piece.length <= this.maxBytes) {
      this.parts.push(piece);
      this.size += piece.length;
      return;
    }
    if (!this.discarding) {
      this.discarding = true;
      const held = Buffer.concat([...this.parts, piece]);
      // Copies, so the dropped bytes can be garbage-collected.
      this.head = Buffer.from(held.subarray(0, SALVAGE_BYTES));
      this.tail = Buffer.from(held.subarray(-SALVAGE_BYTES));
      this.dropped = held.length;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.dropped += piece.length;
    this.tail = Buffer.from(Buffer.concat([this.tail, piece.subarray(-SALVAGE_BYTES)]).subarray(-SALVAGE_BYTES));
  }

  private finishLine(): void {
    if (this.discarding) {
      const id = salvageId(this.head?.toString('utf8') ?? '', this.tail.toString('utf8'));
      this.emit({ oversized: this.dropped, id });
      this.discarding = false;
      this.head = null;
      this.tail = Buffer.alloc(0);
      this.dropped = 0;
      return;
    }
    if (this.size === 0) return;
    const text = (this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size)).toString('utf8');
    this.parts = [];
    this.size = 0;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim().length > 0) this.emit({ line });
  }
}

const ID_VALUE = String.raw`("(?:[^"\\]|\\.)*"|-?\d+)`;
const ID_AT_END = new RegExp(String.raw`"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}`);

/** Best effort: the top-level id of a message we refused to hold, from its first or last bytes. */
function salvageId(head: string, tail: string): JsonRpcId | null {
  const match = ID_AT_END.exec(tail.trimEnd()) ?? ID_AT_START.exec(head);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as JsonRpcId;
  } catch {
    return null;
  }
}
