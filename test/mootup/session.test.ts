import { describe, expect, it } from 'vitest';
import { openMootupSession } from '../../electron/core/mootup';
import { createWorld } from '../helpers/world';

const t = createWorld({ profile: false });

describe('openMootupSession', () => {
  it('runs a client\'s on-unauthorized hook once per refused call, before the 401 reaches the caller; never for a working token or a client without a hook', async () => {
    const session = await openMootupSession({ env: {} });
    try {
      const seen: string[] = [];
      const refusedToken = `mootup_pat_${'0'.repeat(60)}`;
      const hooked = session.client(t.sb.url, refusedToken, async () => {
        seen.push('hook');
      });
      await expect(
        hooked.getMe().catch((error: unknown) => {
          seen.push('caller');
          throw error;
        }),
      ).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
      expect(seen).toEqual(['hook', 'caller']);

      const working = session.client(t.sb.url, t.sb.humanPat, async () => {
        seen.push('wrong hook');
      });
      expect(await working.getMe()).toMatchObject({ actor_id: t.sb.humanId });
      // A 403 (an agent key listing agents) is not a refused token.
      await expect(session.client(t.sb.url, t.sb.agents.available.api_key, async () => seen.push('403 hook')).listAgents()).rejects.toMatchObject({ code: 'forbidden' });
      await expect(session.client(t.sb.url, refusedToken).getMe()).rejects.toMatchObject({ code: 'unauthorized' });
      expect(seen).toEqual(['hook', 'caller']);
    } finally {
      await session.close();
    }
  });

  it('shares one dispatcher between its clients; closing it ends them', async () => {
    const session = await openMootupSession({ env: {} });
    const a = session.client(t.sb.url, t.sb.humanPat);
    const b = session.client(t.sb.url, t.sb.agents.available.api_key);
    expect((await a.getMe()).actor_type).toBe('human');
    expect((await b.getMe()).actor_type).toBe('agent');
    await session.close();
    await expect(a.getMe()).rejects.toMatchObject({ code: 'network' });
  });
});
