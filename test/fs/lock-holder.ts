// A second process for test/fs/file-lock.test.ts, bundled by esbuild at test time:
//   hold <path>            takes the lock, prints "held", keeps it until stdin closes
//   count <path> <file> <n> n times: under the lock, reads the number in <file> and writes it + 1
import { readFileSync, writeFileSync } from 'node:fs';
import { withFileLock } from '../../electron/core/fs/file-lock';

async function main(): Promise<void> {
  const [mode, path, file, times] = process.argv.slice(2);
  if (mode === 'hold') {
    await withFileLock(path!, () => new Promise<void>((resolve) => {
      process.stdout.write('held\n');
      process.stdin.on('end', resolve);
      process.stdin.resume();
    }));
    return;
  }
  for (let i = 0; i < Number(times); i++) {
    await withFileLock(path!, async () => {
      const value = Number(readFileSync(file!, 'utf8'));
      await new Promise((resolve) => setImmediate(resolve));
      writeFileSync(file!, String(value + 1));
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
