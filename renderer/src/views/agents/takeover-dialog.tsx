import type { AgentView } from '../../../../shared/app-state';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { folderName } from '../../lib/format';

/** The question asked when mootup says the agent is connected from another installation (HTTP 409). */
export function TakeoverDialog(props: { agent: AgentView; workspace: string | undefined; open: boolean; onConfirm(): void; onCancel(): void }) {
  const { agent, workspace } = props;
  return (
    <ConfirmDialog open={props.open} title={`Take over ${agent.display_name}?`} confirmLabel={`Take over ${agent.display_name}`} danger onConfirm={props.onConfirm} onCancel={props.onCancel}>
      <p>
        <strong>{agent.display_name}</strong> is connected from another installation right now.
      </p>
      <p>
        If you take it over, mootup gives it a new key{workspace ? ` in ${folderName(workspace)}` : ''} and the key the other installation uses
        stops working immediately: the agent there disconnects and cannot reconnect.
      </p>
    </ConfirmDialog>
  );
}
