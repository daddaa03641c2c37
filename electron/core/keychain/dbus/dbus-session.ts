import { connect, type Socket } from 'node:net';
import { decodeMessage, encodeCall, FIELD, MESSAGE, messageLength } from './dbus-wire';

/**
 * A minimal client of the D-Bus session bus over its Unix socket: EXTERNAL authentication, Hello,
 * then method calls matched to their replies. Enough to ask the Secret Service about items without
 * reading a secret; everything else stays with libsecret (keytar).
 */

/** A method call: who, which object, which method, and its arguments with their signature. */
export interface DbusCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}

/** An error reply from the bus or a service (e.g. org.freedesktop.DBus.Error.ServiceUnknown). */
export class DbusErrorReply extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(`${errorName}: ${message}`);
    this.name = 'DbusErrorReply';
  }
}

/** The bus cannot be used by this client (no address, an unsupported transport, refused auth, no answer). */
export class DbusUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbusUnavailable';
  }
}

export interface DbusSession {
  call(call: DbusCall): Promise<unknown[]>;
  close(): void;
}

/** The socket path of the first `unix:` address (`path=` or `abstract=`); null for other transports. */
export function socketPathOf(address: string | undefined): string | null {
  for (const entry of (address ?? '').split(';')) {
    if (!entry.startsWith('unix:')) continue;
    const params = new Map(
      entry
        .slice('unix:'.length)
        .split(',')
        .map((pair) => {
          const eq = pair.indexOf('=');
          return [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))] as const;
        }),
    );
    if (params.get('path')) return params.get('path')!;
    if (params.get('abstract')) return `\0${params.get('abstract')}`;
  }
  return null;
}

/** Opens the session bus at `address` (DBUS_SESSION_BUS_ADDRESS); every step is bounded by `timeoutMs`. */
export async function openSessionBus(address: string | undefined, timeoutMs: number): Promise<DbusSession> {
  const path = socketPathOf(address);
  if (!path) throw new DbusUnavailable(`no unix: socket in DBUS_SESSION_BUS_ADDRESS (${address ?? 'unset'})`);
  const uid = process.getuid?.();
  if (uid === undefined) throw new DbusUnavailable('no user id to authenticate with');
  const socket = connect({ path });
  socket.setTimeout(timeoutMs, () => socket.destroy(new DbusUnavailable(`the session bus did not answer within ${timeoutMs} ms`)));
  const session = new Session(socket);
  try {
    await session.authenticate(uid);
    await session.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'Hello' });
  } catch (error) {
    session.close();
    throw error instanceof DbusErrorReply || error instanceof DbusUnavailable ? error : new DbusUnavailable(`cannot talk to the session bus: ${(error as Error).message}`, { cause: error });
  }
  return session;
}

type Pending = { resolve: (body: unknown[]) => void; reject: (error: Error) => void };

class Session implements DbusSession {
  private serial = 0;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;
  private authLine: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new DbusUnavailable('the session bus closed the connection')));
  }

  async authenticate(uid: number): Promise<void> {
    const line = new Promise<string>((resolve, reject) => (this.authLine = { resolve, reject }));
    this.socket.write(`\0AUTH EXTERNAL ${Buffer.from(String(uid)).toString('hex')}\r\n`);
    const answer = await line;
    if (!answer.startsWith('OK ')) throw new DbusUnavailable(`the session bus refused authentication (${answer.trim()})`);
    this.socket.write('BEGIN\r\n');
  }

  call(call: DbusCall): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    const serial = ++this.serial;
    return new Promise((resolve, reject) => {
      this.pending.set(serial, { resolve, reject });
      this.socket.write(encodeCall({ serial, ...call }));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.authLine) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = this.buffer.toString('utf8', 0, end);
      this.buffer = this.buffer.subarray(end + 2);
      const waiting = this.authLine;
      this.authLine = null;
      waiting.resolve(line);
    }
    try {
      for (let length = messageLength(this.buffer); length !== null; length = messageLength(this.buffer)) {
        const message = decodeMessage(this.buffer.subarray(0, length));
        this.buffer = this.buffer.subarray(length);
        const replyTo = message.fields.get(FIELD.replySerial) as number | undefined;
        const waiting = replyTo === undefined ? undefined : this.pending.get(replyTo);
        if (!waiting) continue; // signals (NameAcquired) and anything not ours
        this.pending.delete(replyTo!);
        if (message.type === MESSAGE.error) {
          waiting.reject(new DbusErrorReply(String(message.fields.get(FIELD.errorName)), typeof message.body[0] === 'string' ? message.body[0] : ''));
        } else {
          waiting.resolve(message.body);
        }
      }
    } catch (error) {
      this.fail(new DbusUnavailable(`unreadable answer from the session bus: ${(error as Error).message}`, { cause: error }));
      this.socket.destroy();
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error instanceof DbusUnavailable ? error : new DbusUnavailable(`the session bus connection failed: ${error.message}`, { cause: error });
    this.authLine?.reject(this.failure);
    this.authLine = null;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }
}
