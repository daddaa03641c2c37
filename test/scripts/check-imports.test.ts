import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const lint = join(repo, 'scripts/check-imports.mjs');
const temps: string[] = [];

/** A throwaway source tree: relative path → file text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tokentray-imports-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function runLint(root?: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, root ? [lint, root] : [lint], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

afterAll(() => {
  for (const root of temps) rmSync(root, { recursive: true, force: true });
});

describe('scripts/check-imports.mjs', () => {
  it('passes on this repository', () => {
    const { status, out } = runLint();
    expect(out).toContain('the arrows of DESIGN.md hold');
    expect(status).toBe(0);
  });

  it('fails on a file cycle (type-only imports, side-effect imports and re-exports included), naming each file of it', () => {
    const root = tree({
      'shared/a.ts': "import { b } from './b';\nexport const a = 1;\n",
      'shared/b.ts': "import type { C } from './c';\nexport const b = 2;\n",
      'shared/c.ts': "import { a } from './a';\nexport type C = number;\n",
      'shared/d.ts': "import './e';\nexport const d = 4;\n",
      'shared/e.ts': "export * from './d';\n",
    });
    const { status, out } = runLint(root);
    expect(status).toBe(1);
    expect(out).toContain('import cycle: shared/a.ts -> shared/b.ts -> shared/c.ts -> shared/a.ts');
    expect(out).toContain('import cycle: shared/d.ts -> shared/e.ts -> shared/d.ts'); // a side-effect import and a re-export count too
  });

  it('fails on an import up a layer and on one between siblings of a layer, naming file and layers', () => {
    const root = tree({
      'electron/core/errors.ts': 'export class TokentrayError extends Error {}\n',
      'electron/core/fs/read.ts': "import { runDoctor } from '../doctor/doctor';\nexport const read = runDoctor;\n",
      'electron/core/http/get.ts': "import { read } from '../fs/read';\nexport const get = read;\n",
      'electron/core/doctor/doctor.ts': "import { TokentrayError } from '../errors';\nexport const runDoctor = () => new TokentrayError();\n",
    });
    const { status, out } = runLint(root);
    expect(status).toBe(1);
    expect(out).toMatch(/electron\/core\/fs\/read\.ts: imports electron\/core\/doctor\/doctor\.ts, a higher layer \(fs is layer \d+, doctor layer \d+/);
    expect(out).toMatch(/electron\/core\/http\/get\.ts: imports electron\/core\/fs\/read\.ts, a sibling of its own layer/);
    expect(out).not.toContain('doctor/doctor.ts: imports');
  });

  it('places an unlisted core folder just below doctor: doctor may import it, a capability may not', () => {
    const root = tree({
      'electron/core/widgets/widget.ts': 'export const widget = 1;\n',
      'electron/core/doctor/doctor.ts': "import { widget } from '../widgets/widget';\nexport const d = widget;\n",
      'electron/core/agents/list.ts': "import { widget } from '../widgets/widget';\nexport const l = widget;\n",
    });
    const { status, out } = runLint(root);
    expect(status).toBe(1);
    expect(out).toContain('electron/core/agents/list.ts: imports electron/core/widgets/widget.ts, a higher layer');
    expect(out).not.toContain('doctor/doctor.ts: imports');
  });

  it('allows ipcMain only in electron/main/ipc.ts', () => {
    const root = tree({
      'electron/main/ipc.ts': "import { ipcMain } from 'electron';\nexport const on = ipcMain.on;\n",
      'electron/main/tray.ts': "// ipcMain is not used here\nimport { ipcMain } from 'electron';\nexport const h = ipcMain.handle;\n",
      'electron/main/window.ts': '/** Not ipcMain: a comment. */\nexport const w = 1;\n',
    });
    const { status, out } = runLint(root);
    expect(status).toBe(1);
    expect(out).toContain('electron/main/tray.ts: uses ipcMain');
    expect(out).not.toContain('electron/main/ipc.ts: uses');
    expect(out).not.toContain('electron/main/window.ts');
  });

  it('passes on a clean tree', () => {
    const root = tree({
      'electron/core/errors.ts': 'export class TokentrayError extends Error {}\n',
      'electron/core/fs/read.ts': "import { TokentrayError } from '../errors';\nexport const read = () => new TokentrayError();\n",
      'shared/a.ts': 'export const a = 1;\n',
    });
    expect(execFileSync(process.execPath, [lint, root], { encoding: 'utf8' })).toContain('no import cycle in 3 files');
  });
});
