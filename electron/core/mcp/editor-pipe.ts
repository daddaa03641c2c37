import type { Writable } from 'node:stream';
import { errorMessage } from '../errors';
import { classify, errorLine, RPC_ERRORS, type RpcMessage } from './jsonrpc';
import { guardLine, scrub } from './leak-guard';
import { LineSplitter } from './line-framing';

/** The editor's end of the pipe. */
export interface ProxyIO {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: Writable;
}

/** What the pipe hands on: each well-formed editor message, the end of stdin, a broken stdout. */
export interface PipeHandlers {
  /** One message from the editor: classified, its parse, and the exact line it came in. */
  message(message: RpcMessage, parsed: unknown, line: string): void;
  /** stdin ended (after its last line was handed on). */
  end(): void;
  /** stdout failed: nobody reads the answers any more. */
  broken(): void;
}

/** What the pipe needs of the token source: the tokens it must never let through. */
export interface GuardedTokens {
  readonly used: ReadonlySet<string>;
}

/**
 * The editor's stdio: stdin framed into lines (size-limited), parsed and classified, with the editor
 * told at once what is malformed; the ONE writer to stdout (every line through the leak guard) and to
 * stderr (every log line scrubbed); and the end of it all (stop reading, stop writing).
 */
export class EditorPipe {
  private tokens: GuardedTokens | null = null;
  private closed = false;
  private readonly splitter: LineSplitter;
  private handlers: PipeHandlers | null = null;
  private readonly onData = (chunk: Buffer | string) => this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

  constructor(
    private readonly io: ProxyIO,
    readonly maxBytes: number,
  ) {
    this.splitter = new LineSplitter(maxBytes, (event) => {
      try {
        if ('oversized' in event) {
          this.log(`tokentray: refused a message of ${event.oversized} bytes from the editor (limit ${maxBytes})`);
          this.write(errorLine(event.id, RPC_ERRORS.tooLarge, `tokentray: message of ${event.oversized} bytes refused; the limit is ${maxBytes} bytes (TOKENTRAY_MCP_MAX_MESSAGE_BYTES)`));
        } else this.take(event.line);
      } catch (error) {
        this.log(`tokentray: internal error on a message from the editor: ${errorMessage(error)}`);
      }
    });
  }

  /** Starts reading stdin. */
  open(handlers: PipeHandlers): void {
    this.handlers = handlers;
    this.io.stdin.on('data', this.onData);
    this.io.stdin.once('end', () => {
      this.splitter.end();
      handlers.end();
    });
    this.io.stdout.once('error', () => handlers.broken());
  }

  /** From now on stdout and stderr are checked for these tokens. */
  guard(tokens: GuardedTokens): void {
    this.tokens = tokens;
  }

  /** One line on stderr, with every token scrubbed. */
  log(line: string): void {
    this.io.stderr.write(`${this.tokens ? scrub(line, this.tokens.used) : line}\n`);
  }

  /** The only way to stdout: every line passes the leak guard (`parsed`, when known, saves a parse); nothing after close(). */
  write(raw: string, parsed?: unknown): void {
    if (this.closed) return;
    const line = this.tokens ? guardLine(raw, parsed, this.tokens.used, (warning) => this.log(warning)) : raw;
    if (line.length < 65536) this.io.stdout.write(`${line}\n`);
    else {
      // Two writes: joining first would copy a large message once more.
      this.io.stdout.write(line);
      this.io.stdout.write('\n');
    }
  }

  /** Whether close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops reading and writing. A signal may stop us while the editor still holds stdin open: stdin is destroyed so the process can end. */
  close(): void {
    this.closed = true;
    this.io.stdin.removeListener('data', this.onData);
    (this.io.stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }

  private take(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      this.write(errorLine(null, RPC_ERRORS.parse, `tokentray: parse error: ${(error as Error).message}`));
      return;
    }
    const message = classify(parsed);
    if ('invalid' in message) {
      this.write(errorLine(message.id, RPC_ERRORS.invalidRequest, `tokentray: invalid request: ${message.invalid}`));
      return;
    }
    this.handlers!.message(message, parsed, line);
  }
}
