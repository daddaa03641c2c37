import type { Writable } from 'node:stream';

/** Where a command writes: stdout for results (one JSON document with --json), stderr for people. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadStream;
  json: boolean;
}

/** Writes the command's result: JSON when asked, else the human rendering. */
export function emit(io: CliIO, value: unknown, human: () => string): void {
  if (io.json) io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else {
    const text = human();
    if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** A note for the person (warnings, next steps); always stderr so stdout stays machine-readable. */
export function note(io: CliIO, message: string): void {
  io.stderr.write(`${message}\n`);
}

/** Formats rows as aligned columns. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}
