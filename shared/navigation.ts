/** Where main can send the settings window: a view, and the thing in it a notification or the tray is about. */

/** The window's views. */
export type WindowView = 'welcome' | 'profiles' | 'agents' | 'editors' | 'activity';

/** A place in the window: the view, and optionally the profile, agent or folder to show there. */
export interface WindowTarget {
  view: WindowView;
  profile?: string;
  actor_id?: string;
  workspace?: string;
}
