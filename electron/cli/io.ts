import type { Writable } from 'node:stream';
import { redactDeep, redactText } from '../core/redact/redact';
import { withCliMessage } from './remedy';

/** Where a command writes: stdout for results (one JSON document with --json), stderr for people. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadStream;
  json: boolean;
}

/**
 * Writes the command's result: JSON when asked, else the human rendering. Both pass the scrubber
 * (a last guard: core already redacts server text where it enters). The one deliberate print of a
 * secret, an agent key that could not be saved, writes to stderr itself.
 */
export function emit(io: CliIO, value: unknown, human: () => string): void {
  if (io.json) io.stdout.write(`${JSON.stringify(redactDeep(withCliMessage(value)), null, 2)}\n`);
  else {
    const text = redactText(human());
    if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** A note for the person (warnings, next steps); always stderr so stdout stays machine-readable. */
export function note(io: CliIO, message: string): void {
  io.stderr.write(`${redactText(message)}\n`);
}

/** Formats rows as aligned columns. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}
