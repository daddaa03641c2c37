import type { IpcRequest } from '../../../../shared/ipc';
import { installAllAnswer, installAnswer, migrateAnswer, removeAnswer, scanAnswer } from '../../editors/editor-answers';
import { installEntry, removeEntry } from '../../editors/install';
import { installAll } from '../../editors/install-all';
import { migrateEditors } from '../../editors/migrate';
import { scanForTokens, scanScope } from '../../editors/scan';
import { repairAnswer } from '../../launcher/repair-answer';
import { repairStaleEntries } from '../../launcher/repair';
import { act } from '../ipc-act';
import type { IpcHandlers, IpcHost } from '../ipc-host';

/** The IPC handlers for MCP client configs: install (one client or every client here), remove, scan, migrate, repair stale entries. Core words each answer. */
export function editorsHandlers(host: IpcHost): Pick<IpcHandlers, 'editors:install' | 'editors:remove' | 'editors:install-all' | 'editors:scan' | 'editors:migrate' | 'editors:repair'> {
  const { ctx } = host;
  const target = (req: IpcRequest<'editors:install' | 'editors:remove'>) => ({ editor: req.editor, profile: req.profile, scope: req.scope, ...(req.project && { projectDir: req.project }) });
  return {
    'editors:install': (req) => act(host, async () => installAnswer(installEntry(ctx, target(req)))),
    'editors:remove': (req) => act(host, async () => removeAnswer(removeEntry(ctx, target(req)))),
    'editors:install-all': (req) =>
      act(host, async () => installAllAnswer(installAll(ctx, { profile: req.profile, ...(req.scope && { scope: req.scope }), ...(req.project && { projectDir: req.project }) }))),
    'editors:scan': () => act(host, async () => scanAnswer(scanForTokens(ctx.env, scanScope(ctx.home)))),
    'editors:migrate': () => act(host, async () => migrateAnswer(await migrateEditors(ctx, { apply: true }))),
    'editors:repair': () => act(host, async () => repairAnswer(repairStaleEntries(ctx))),
  };
}
