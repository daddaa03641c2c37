#!/usr/bin/env node
import { runCli } from './run-cli';

/** The `tokentray` bin: compiled to plain JavaScript so editors can spawn it without a TypeScript loader. */
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, json: false }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tokentray: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
