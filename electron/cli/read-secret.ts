import { TokentrayError } from '../core/errors';
import { rememberSecret } from '../core/redact/known-secrets';
import type { CliIO } from './io';

/**
 * Reads a token the way the CLI contract demands: from stdin when piped, otherwise from a hidden
 * prompt. Never from argv, where other users and shell history could see it.
 */
export async function readSecret(io: CliIO, prompt: string): Promise<string> {
  const token = io.stdin.isTTY ? await hiddenPrompt(io, prompt) : await readAll(io.stdin);
  const trimmed = token.trim();
  rememberSecret(trimmed);
  if (trimmed.length === 0) {
    throw new TokentrayError(
      'invalid_input',
      io.stdin.isTTY ? 'no token entered' : 'no token on stdin: pipe it in (e.g. `tokentray profile add NAME … < token.txt`) or run in a terminal to be prompted',
    );
  }
  return trimmed;
}

/** Like readSecret, but empty input means "none" (e.g. a public OAuth client has no secret). */
export async function readOptionalSecret(io: CliIO, prompt: string): Promise<string | undefined> {
  const value = (io.stdin.isTTY ? await hiddenPrompt(io, prompt) : await readAll(io.stdin)).trim();
  return value.length > 0 ? value : undefined;
}

const MAX_SECRET_BYTES = 64 * 1024;

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) throw new TokentrayError('invalid_input', 'stdin holds more than 64 KiB; pipe in just the token');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function hiddenPrompt(io: CliIO, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new TokentrayError('usage', 'cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
