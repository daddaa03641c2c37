/** The native confirm dialog shown before taking over an agent another installation is using. */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';

/** The dialog's wording: names the agent and says what happens to the other installation. */
export function takeoverDialogOptions(agent: { actor_id: string; display_name: string }, serverMessage: string): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Take over agent?',
    message: `Take over ${agent.display_name} on this machine?`,
    detail:
      `${serverMessage}\n\n` +
      `Taking over gives ${agent.display_name} (${agent.actor_id}) a new key stored in this workspace. ` +
      'The key the other installation uses stops working immediately: that session is disconnected and cannot reconnect until it takes the agent back.',
    buttons: ['Cancel', 'Take over'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** Shows the dialog (attached to the settings window when it is open); true when the user chose "Take over". */
export async function confirmTakeover(
  dialog: Pick<Dialog, 'showMessageBox'>,
  parent: BrowserWindow | null,
  agent: { actor_id: string; display_name: string },
  serverMessage: string,
): Promise<boolean> {
  const options = takeoverDialogOptions(agent, serverMessage);
  const { response } = parent && !parent.isDestroyed() && parent.isVisible() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response === 1;
}
