import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import type { Env } from '../paths';

/** The command that opens `url`: `$BROWSER` when set (first entry; `%s` marks the URL), else the system's. */
export function browserCommand(url: string, env: Env, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  const configured = env.BROWSER?.split(delimiter).map((s) => s.trim()).find(Boolean);
  if (configured) {
    const words = configured.split(/\s+/);
    const args = words.slice(1);
    return { command: words[0]!, args: args.some((a) => a.includes('%s')) ? args.map((a) => a.replaceAll('%s', url)) : [...args, url] };
  }
  // rundll32 rather than `cmd /c start`: no shell parses the URL's & and ^.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens the authorization URL in the user's browser, detached: it outlives nothing of ours and gets no
 * stdio. Resolves once the program started; rejects when it could not (the URL is printed anyway).
 */
export function openBrowser(url: string, env: Env, platform: NodeJS.Platform = process.platform): Promise<string> {
  if (!/^https?:\/\//i.test(url)) return Promise.reject(new Error(`refusing to open a non-web URL: ${url.slice(0, 40)}`));
  const { command, args } = browserCommand(url, env, platform);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...env } as NodeJS.ProcessEnv, windowsHide: true });
    child.once('error', (error) => reject(new Error(`could not start ${command}: ${error.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve(command);
    });
  });
}
