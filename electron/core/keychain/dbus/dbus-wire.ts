/**
 * The D-Bus wire format (the subset tokentray needs): marshalling of method calls and unmarshalling
 * of replies, by type signature. Pure functions over Buffers; see the D-Bus specification,
 * "Message Protocol". Values: numbers for integers, booleans, strings for s/o/g, arrays for `a`,
 * arrays of fields for structs, objects for `a{..}` dictionaries, `[signature, value]` for variants.
 */

/** One complete type of a signature, e.g. `a{ss}` → { code: 'a', children: [{ code: '{', … }] }. */
export interface DbusType {
  code: string;
  children: DbusType[];
}

/** A method call, return, error or signal as tokentray reads and writes it. */
export interface DbusMessage {
  type: number;
  serial: number;
  fields: Map<number, unknown>;
  body: unknown[];
}

/** Message types and header field codes of the specification. */
export const MESSAGE = { call: 1, reply: 2, error: 3, signal: 4 } as const;
export const FIELD = { path: 1, interface: 2, member: 3, errorName: 4, replySerial: 5, destination: 6, sender: 7, signature: 8 } as const;

const ALIGN: Record<string, number> = { y: 1, b: 4, n: 2, q: 2, i: 4, u: 4, x: 8, t: 8, d: 8, s: 4, o: 4, g: 1, a: 4, '(': 8, '{': 8, v: 1, h: 4 };

/** Parses a signature into its complete types. */
export function parseSignature(signature: string): DbusType[] {
  let pos = 0;
  const one = (): DbusType => {
    const code = signature[pos++];
    if (code === undefined) throw new Error(`truncated D-Bus signature "${signature}"`);
    if (code === 'a') return { code, children: [one()] };
    if (code === '(' || code === '{') {
      const close = code === '(' ? ')' : '}';
      const children: DbusType[] = [];
      while (signature[pos] !== close) {
        if (pos >= signature.length) throw new Error(`unclosed ${code} in D-Bus signature "${signature}"`);
        children.push(one());
      }
      pos++;
      return { code, children };
    }
    if (!(code in ALIGN)) throw new Error(`unsupported D-Bus type "${code}" in "${signature}"`);
    return { code, children: [] };
  };
  const types: DbusType[] = [];
  while (pos < signature.length) types.push(one());
  return types;
}

class Writer {
  private buf = Buffer.alloc(256);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  align(n: number): void {
    const pad = (n - (this.length % n)) % n;
    this.ensure(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  bytes(data: Buffer): void {
    this.ensure(data.length);
    data.copy(this.buf, this.length);
    this.length += data.length;
  }

  uint32(value: number, at?: number): void {
    if (at !== undefined) {
      this.buf.writeUInt32LE(value, at);
      return;
    }
    this.align(4);
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
  }

  value(type: DbusType, value: unknown): void {
    switch (type.code) {
      case 'y':
        this.bytes(Buffer.from([Number(value) & 0xff]));
        return;
      case 'b':
        this.uint32(value ? 1 : 0);
        return;
      case 'u':
      case 'i':
      case 'h':
        this.align(4);
        this.ensure(4);
        if (type.code === 'i') this.buf.writeInt32LE(Number(value), this.length);
        else this.buf.writeUInt32LE(Number(value) >>> 0, this.length);
        this.length += 4;
        return;
      case 's':
      case 'o': {
        const text = Buffer.from(String(value), 'utf8');
        this.uint32(text.length);
        this.bytes(Buffer.concat([text, Buffer.from([0])]));
        return;
      }
      case 'g': {
        const text = Buffer.from(String(value), 'ascii');
        this.bytes(Buffer.concat([Buffer.from([text.length]), text, Buffer.from([0])]));
        return;
      }
      case 'v': {
        const [signature, inner] = value as [string, unknown];
        this.value({ code: 'g', children: [] }, signature);
        this.value(parseSignature(signature)[0]!, inner);
        return;
      }
      case 'a': {
        const child = type.children[0]!;
        this.uint32(0);
        const lengthAt = this.length - 4;
        this.align(ALIGN[child.code]!);
        const start = this.length;
        const items = child.code === '{' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : (value as unknown[]);
        for (const item of items) this.value(child, item);
        this.uint32(this.length - start, lengthAt);
        return;
      }
      case '(':
      case '{':
        this.align(8);
        type.children.forEach((child, i) => this.value(child, (value as unknown[])[i]));
        return;
      default:
        throw new Error(`cannot write D-Bus type "${type.code}"`);
    }
  }

  done(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

class Reader {
  constructor(
    private readonly buf: Buffer,
    private readonly little: boolean,
    public pos: number,
  ) {}

  private align(n: number): void {
    this.pos += (n - (this.pos % n)) % n;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('truncated D-Bus message');
  }

  uint32(): number {
    this.align(4);
    this.need(4);
    const value = this.little ? this.buf.readUInt32LE(this.pos) : this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return value;
  }

  value(type: DbusType): unknown {
    switch (type.code) {
      case 'y':
        this.need(1);
        return this.buf[this.pos++];
      case 'b':
        return this.uint32() !== 0;
      case 'u':
      case 'h':
        return this.uint32();
      case 'i': {
        const value = this.uint32();
        return value | 0;
      }
      case 'n':
      case 'q': {
        this.align(2);
        this.need(2);
        const value = this.little ? this.buf.readUInt16LE(this.pos) : this.buf.readUInt16BE(this.pos);
        this.pos += 2;
        return type.code === 'n' ? (value << 16) >> 16 : value;
      }
      case 'x':
      case 't':
      case 'd': {
        this.align(8);
        this.need(8);
        const at = this.pos;
        this.pos += 8;
        if (type.code === 'd') return this.little ? this.buf.readDoubleLE(at) : this.buf.readDoubleBE(at);
        const big = type.code === 'x' ? (this.little ? this.buf.readBigInt64LE(at) : this.buf.readBigInt64BE(at)) : this.little ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
        return Number(big);
      }
      case 's':
      case 'o': {
        const length = this.uint32();
        this.need(length + 1);
        const text = this.buf.toString('utf8', this.pos, this.pos + length);
        this.pos += length + 1;
        return text;
      }
      case 'g': {
        this.need(1);
        const length = this.buf[this.pos++]!;
        this.need(length + 1);
        const text = this.buf.toString('ascii', this.pos, this.pos + length);
        this.pos += length + 1;
        return text;
      }
      case 'v': {
        const signature = this.value({ code: 'g', children: [] }) as string;
        return this.value(parseSignature(signature)[0]!);
      }
      case 'a': {
        const child = type.children[0]!;
        const length = this.uint32();
        this.align(ALIGN[child.code]!);
        const end = this.pos + length;
        if (end > this.buf.length) throw new Error('truncated D-Bus array');
        const items: unknown[] = [];
        while (this.pos < end) items.push(this.value(child));
        return child.code === '{' ? Object.fromEntries(items as Array<[string, unknown]>) : items;
      }
      case '(':
      case '{':
        this.align(8);
        return type.children.map((child) => this.value(child));
      default:
        throw new Error(`cannot read D-Bus type "${type.code}"`);
    }
  }
}

const HEADER_FIELDS = parseSignature('a(yv)')[0]!;
const FIELD_SIGNATURES: Record<number, string> = { [FIELD.path]: 'o', [FIELD.interface]: 's', [FIELD.member]: 's', [FIELD.destination]: 's', [FIELD.signature]: 'g' };

/** A method call ready to send (little-endian). */
export function encodeCall(call: { serial: number; destination: string; path: string; interface: string; member: string; signature?: string; body?: unknown[] }): Buffer {
  const body = new Writer();
  const types = parseSignature(call.signature ?? '');
  types.forEach((type, i) => body.value(type, call.body?.[i]));
  const fields: Array<[number, [string, unknown]]> = [
    [FIELD.path, [FIELD_SIGNATURES[FIELD.path]!, call.path]],
    [FIELD.interface, [FIELD_SIGNATURES[FIELD.interface]!, call.interface]],
    [FIELD.member, [FIELD_SIGNATURES[FIELD.member]!, call.member]],
    [FIELD.destination, [FIELD_SIGNATURES[FIELD.destination]!, call.destination]],
  ];
  if (call.signature) fields.push([FIELD.signature, ['g', call.signature]]);
  const header = new Writer();
  header.bytes(Buffer.from(['l'.charCodeAt(0), MESSAGE.call, 0, 1]));
  header.uint32(body.length);
  header.uint32(call.serial);
  header.value(HEADER_FIELDS, fields);
  header.align(8);
  return Buffer.concat([header.done(), body.done()]);
}

/** The byte length of the first message in `buf`, or null while it is incomplete. */
export function messageLength(buf: Buffer): number | null {
  if (buf.length < 16) return null;
  const little = buf[0] === 'l'.charCodeAt(0);
  if (!little && buf[0] !== 'B'.charCodeAt(0)) throw new Error('not a D-Bus message (bad endianness byte)');
  const bodyLength = little ? buf.readUInt32LE(4) : buf.readUInt32BE(4);
  const fieldsLength = little ? buf.readUInt32LE(12) : buf.readUInt32BE(12);
  const total = Math.ceil((16 + fieldsLength) / 8) * 8 + bodyLength;
  return buf.length >= total ? total : null;
}

/** Decodes one complete message (as delimited by `messageLength`). */
export function decodeMessage(buf: Buffer): DbusMessage {
  const little = buf[0] === 'l'.charCodeAt(0);
  const serial = little ? buf.readUInt32LE(8) : buf.readUInt32BE(8);
  const reader = new Reader(buf, little, 12);
  const fields = new Map((reader.value(HEADER_FIELDS) as Array<[number, unknown]>).map(([code, value]) => [code, value] as const));
  reader.pos = Math.ceil(reader.pos / 8) * 8;
  const signature = (fields.get(FIELD.signature) as string | undefined) ?? '';
  const body = parseSignature(signature).map((type) => reader.value(type));
  return { type: buf[1]!, serial, fields, body };
}
