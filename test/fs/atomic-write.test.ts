import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/fs/atomic-write';
import { TokentrayError } from '../../electron/core/errors';

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tokentray-atomic-'));
});

describe('writeFileAtomic through symbolic links', () => {
  it('follows a chain of links, writes the final target in its own folder, and keeps every link and the mode', () => {
    const target = join(root, 'dotfiles', 'real', 'config.json');
    mkdirSync(join(root, 'dotfiles', 'real'), { recursive: true });
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    symlinkSync(join('real', 'config.json'), join(root, 'dotfiles', 'hop.json')); // relative link
    mkdirSync(join(root, 'app'));
    const link = join(root, 'app', 'config.json');
    symlinkSync(join(root, 'dotfiles', 'hop.json'), link);

    writeFileAtomic(link, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(root, 'dotfiles', 'hop.json'));
    expect(lstatSync(join(root, 'dotfiles', 'hop.json')).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, 'app'))).toEqual(['config.json']);
    expect(readdirSync(join(root, 'dotfiles', 'real'))).toEqual(['config.json']);
  });

  it('an explicit mode is applied to the target exactly (not narrowed by the umask)', () => {
    const path = join(root, 'f.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    const old = process.umask(0o077);
    try {
      writeFileAtomic(path, 'new', { mode: 0o640 });
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('a dangling link is a clear error and nothing is written', () => {
    const link = join(root, 'config.json');
    symlinkSync(join(root, 'missing', 'config.json'), link);
    let error: unknown;
    try {
      writeFileAtomic(link, 'new');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokentrayError);
    expect((error as TokentrayError).message).toBe(
      `${link} is a symbolic link to ${join(root, 'missing', 'config.json')}, which does not exist; create that file or remove the link, then try again`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(root)).toEqual(['config.json']);
  });

  it('a loop of links is a clear error', () => {
    const a = join(root, 'a.json');
    const b = join(root, 'b.json');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(() => writeFileAtomic(a, 'x')).toThrow(/a\.json is a symbolic link that loops back on itself; point it at a file, then try again/);
  });
});
