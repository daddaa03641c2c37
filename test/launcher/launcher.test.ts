/**
 * A launcher that survives: the stable command per package type, the AppImage's ~/.local/bin/tokentray
 * run for real (through a stand-in AppImage that behaves like electron-builder's AppRun), and editor
 * entries whose command is gone, flagged by doctor and repaired in one call.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoreContext } from '../../electron/core/context';
import { createCoreApp } from '../helpers/invoke';
import { APPIMAGE_LAUNCHER_MARK, fallbackLauncherPath, installAppImageLauncher } from '../../electron/core/launcher/appimage-launcher';
import { stableLauncher } from '../../electron/core/launcher/stable-launcher';
import { CLI_PATH, fakeMolyPat, makeTestEnv, runCli, type TestEnv } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { put, readJson, userFile } from '../editors/editor-fixtures';
import { untilState } from '../app/state-pushes';

describe('the stable command for each package type', () => {
  const env = { HOME: '/home/alice' };
  it('AppImage: ~/.local/bin/tokentray; deb: /opt/tokentray/resources/bin; macOS and Windows: the resources path; development: none', () => {
    expect(stableLauncher({ platform: 'linux', isPackaged: true, resourcesPath: '/tmp/.mount_tokentXYZ/resources', appImage: '/home/alice/Apps/tokentray-0.1.0.AppImage' }, env)).toEqual({
      kind: 'appimage',
      command: '/home/alice/.local/bin/tokentray',
    });
    expect(stableLauncher({ platform: 'linux', isPackaged: true, resourcesPath: '/opt/tokentray/resources' }, env)).toEqual({ kind: 'packaged', command: '/opt/tokentray/resources/bin/tokentray' });
    expect(stableLauncher({ platform: 'darwin', isPackaged: true, resourcesPath: '/Applications/tokentray.app/Contents/Resources' }, env).command).toBe('/Applications/tokentray.app/Contents/Resources/bin/tokentray');
    expect(stableLauncher({ platform: 'win32', isPackaged: true, resourcesPath: 'C:\\Users\\a\\AppData\\Local\\Programs\\tokentray\\resources' }, env).command).toMatch(/bin[\\/]tokentray\.cmd$/);
    expect(stableLauncher({ platform: 'linux', isPackaged: false, resourcesPath: '' }, env)).toEqual({ kind: 'development', command: null });
  });
});

/**
 * An "AppImage" as the launcher meets one: its runtime mounts the image (here: a folder whose
 * resources/app.asar/dist/cli is the built CLI) and sets APPDIR; its AppRun adds --no-sandbox unless the
 * arguments have it, then runs the app binary — which, with ELECTRON_RUN_AS_NODE=1, is Node.
 */
function fakeAppImage(root: string): string {
  const mount = join(root, 'mount');
  mkdirSync(join(mount, 'resources', 'app.asar', 'dist'), { recursive: true });
  symlinkSync(dirname(CLI_PATH), join(mount, 'resources', 'app.asar', 'dist', 'cli'));
  const image = join(root, 'Apps', 'tokentray-0.1.0.AppImage');
  mkdirSync(dirname(image), { recursive: true });
  writeFileSync(
    image,
    [
      '#!/bin/sh',
      `APPDIR='${mount}'; export APPDIR`,
      'case " $* " in *" --no-sandbox "*) ;; *) set -- --no-sandbox "$@" ;; esac',
      '[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not in node mode" >&2; exit 9; }',
      `exec '${process.execPath}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(image, 0o755);
  return image;
}

const run = (command: string, args: string[], env: Record<string, string>, input = '') => spawnSync(command, args, { env, input, encoding: 'utf8' });

describe.runIf(haveTestKeychain())('the AppImage launcher', () => {
  it('runs the CLI inside the AppImage with the arguments given, and editor entries written through it name the launcher', async () => {
    const t = makeTestEnv();
    const image = fakeAppImage(t.root);
    const preferred = join(t.home, '.local', 'bin', 'tokentray');
    const installed = installAppImageLauncher(image, preferred, t.env);
    expect(installed).toEqual({ path: preferred, changed: true });
    expect(statSync(preferred).mode & 0o777).toBe(0o755);
    expect(readFileSync(preferred, 'utf8')).toContain(APPIMAGE_LAUNCHER_MARK);

    const added = run(preferred, ['profile', 'add', 'moly', '--kind', 'mcp', '--url', 'https://api.moly.so/mcp', '--expires', 'never'], t.env, `${fakeMolyPat()}\n`);
    expect(added.status, added.stderr).toBe(0);
    const listed = run(preferred, ['profile', 'list', '--json'], t.env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((p: { name: string }) => p.name)).toEqual(['moly']);

    // The CLI it runs knows where it was started from: the entry names the stable launcher, not the mount.
    const install = run(preferred, ['editors', 'install', 'cursor', 'moly'], t.env);
    expect(install.status, install.stderr).toBe(0);
    expect(readJson(userFile(t, 'cursor')).mcpServers.moly).toMatchObject({ command: preferred, args: ['mcp', 'moly'] });
  });

  it('says what to do once its AppImage is gone, and is rewritten (only then) when the app starts from a new one', () => {
    const t = makeTestEnv();
    const image = fakeAppImage(t.root);
    const preferred = join(t.home, '.local', 'bin', 'tokentray');
    installAppImageLauncher(image, preferred, t.env);
    expect(installAppImageLauncher(image, preferred, t.env).changed).toBe(false);

    rmSync(image);
    const gone = run(preferred, ['--version'], t.env);
    expect(gone.status).toBe(127);
    expect(gone.stderr).toContain(`the AppImage ${image} is gone; start tokentray from its new AppImage once`);

    const moved = fakeAppImage(join(t.root, 'v2'));
    expect(installAppImageLauncher(moved, preferred, t.env)).toEqual({ path: preferred, changed: true });
    expect(run(preferred, ['--version'], t.env).status).toBe(0);
  });

  it('leaves a ~/.local/bin/tokentray that is not its own alone and uses the data folder instead', () => {
    const t = makeTestEnv();
    const image = fakeAppImage(t.root);
    const preferred = join(t.home, '.local', 'bin', 'tokentray');
    put(preferred, '#!/bin/sh\nexec /opt/tokentray/resources/bin/tokentray "$@"\n', 0o755);
    const installed = installAppImageLauncher(image, preferred, t.env);
    expect(installed.path).toBe(fallbackLauncherPath(t.env));
    expect(installed.fallback_reason).toContain('is not tokentray');
    expect(readFileSync(preferred, 'utf8')).toBe('#!/bin/sh\nexec /opt/tokentray/resources/bin/tokentray "$@"\n');
    expect(run(installed.path, ['--version'], t.env).status).toBe(0);
  });
});

/** A launcher at `path` that runs the built CLI (what a packaged install's resources/bin/tokentray does). */
function launcherAt(path: string): string {
  put(path, `#!/bin/sh\nexec '${process.execPath}' '${CLI_PATH}' "$@"\n`, 0o755);
  return path;
}

describe.runIf(haveTestKeychain())('editor entries whose command is gone', () => {
  async function world(): Promise<{ t: TestEnv; old: string }> {
    const t = makeTestEnv();
    const old = launcherAt(join(t.root, 'mount-1', 'resources', 'bin', 'tokentray'));
    const env = { ...t.env, TOKENTRAY_LAUNCHER: old };
    expect((await runCli(['profile', 'add', 'moly', '--kind', 'mcp', '--url', 'https://api.moly.so/mcp', '--expires', 'never'], { env, input: fakeMolyPat() })).code).toBe(0);
    put(userFile(t, 'cursor'), '{\n  "mcpServers": {\n    "keep": { "command": "npx", "args": ["x"] }\n  }\n}\n');
    for (const editor of ['cursor', 'vscode']) expect((await runCli(['editors', 'install', editor, 'moly'], { env })).code).toBe(0);
    // The old AppImage mount is gone.
    rmSync(join(t.root, 'mount-1'), { recursive: true });
    return { t, old };
  }

  it('doctor warns about each, naming the file, the command and the repair', async () => {
    const { t, old } = await world();
    const doctor = await runCli(['doctor', '--json'], { env: t.env });
    const checks = JSON.parse(doctor.stdout).checks.filter((c: { id: string }) => c.id === 'editor_command');
    expect(checks.map((c: { subject: string }) => c.subject).sort()).toEqual([userFile(t, 'cursor'), userFile(t, 'vscode')].sort());
    expect(checks[0].status).toBe('warn');
    expect(checks[0].message).toContain(`runs ${old}, which no longer exists`);
    expect(checks[0].message).toContain('Repair it with one click in the tokentray window');
  });

  it('the state flags them, and editors:repair points them at the current command, keeping every other byte; doctor is then ok', async () => {
    const { t, old } = await world();
    const current = launcherAt(join(t.home, '.local', 'bin', 'tokentray'));
    const { store, invoke } = createCoreApp(createCoreContext({ ...t.env, TOKENTRAY_LAUNCHER: current }));

    const before = await store.refresh();
    const cursor = before.editors.find((e) => e.editor === 'cursor')!.files[0]!.installed;
    expect(cursor).toEqual([{ key: 'moly', profile: 'moly', command: old, command_missing: true }]);
    const text = readFileSync(userFile(t, 'cursor'), 'utf8');

    const answer = await invoke('editors:repair', {});
    expect(answer).toMatchObject({ ok: true, repaired: 2, failed: [], message: `Repaired 2 editor entries: they run ${current} now.` });
    expect(readFileSync(userFile(t, 'cursor'), 'utf8')).toBe(text.replace(JSON.stringify(old), JSON.stringify(current)));
    expect(readJson(userFile(t, 'vscode')).servers.moly).toMatchObject({ type: 'stdio', command: current, args: ['mcp', 'moly'] });
    // The answer comes first; the refresh after it pushes the state with no entry flagged any more.
    const after = await untilState(store, (s) => s.editors.flatMap((e) => e.files.flatMap((f) => f.installed)).every((i) => i.command_missing === false));
    expect(after.editors.flatMap((e) => e.files.flatMap((f) => f.installed))).toHaveLength(2);

    const doctor = await runCli(['doctor', '--json'], { env: { ...t.env, TOKENTRAY_LAUNCHER: current } });
    expect(JSON.parse(doctor.stdout).checks.filter((c: { id: string }) => c.id === 'editor_command')).toEqual([
      { id: 'editor_command', status: 'ok', subject: 'editor configs', message: 'every tokentray entry runs a command that exists' },
    ]);
    expect(await invoke('editors:repair', {})).toMatchObject({ ok: true, repaired: 0, message: 'Every editor entry runs a command that exists; nothing to repair.' });
  });

  it('refuses to repair towards a command that is missing too', async () => {
    const { t } = await world();
    const { invoke } = createCoreApp(createCoreContext({ ...t.env, TOKENTRAY_LAUNCHER: join(t.root, 'nowhere', 'tokentray') }));
    expect(await invoke('editors:repair', {})).toMatchObject({ ok: false, code: 'not_found' });
    expect(existsSync(userFile(t, 'cursor'))).toBe(true);
  });
});
