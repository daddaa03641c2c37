import { redactText } from '../core/redact/redact';
import type { Command } from './command';
import { runCli } from './run-cli';

/** Runs the CLI on this process's stdio and sets the exit code. */
export function runOnProcess(commands: readonly Command[], argv: string[]): void {
  runCli(commands, argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, json: false }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`tokentray: ${redactText((error as Error).message)}\n`);
      process.exitCode = 1;
    },
  );
}
