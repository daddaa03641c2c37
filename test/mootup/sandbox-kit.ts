import { afterEach, beforeEach } from 'vitest';
import { createMootupClient, type MootupClient, type MootupClientOptions } from '../../electron/core/mootup';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/sandbox';

/** A fresh sandbox per test, and clients on it with their own dispatcher (no proxy), all closed after. */
export function sandboxPerTest(options: SandboxOptions = {}) {
  let sandbox: Sandbox | undefined;
  let clients: MootupClient[] = [];
  beforeEach(async () => {
    sandbox = await startSandbox(options);
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
    await sandbox?.close();
  });
  return {
    get sb(): Sandbox {
      return sandbox!;
    },
    /** A client of the sandbox as `token` (null: anonymous). */
    client(token: string | null, extra: Partial<MootupClientOptions> = {}): MootupClient {
      const client = createMootupClient({ baseUrl: sandbox!.url, token, env: {}, ...extra });
      clients.push(client);
      return client;
    },
  };
}
