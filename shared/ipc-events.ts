/** Event names of the IPC contract, kept free of dependencies so the sandboxed preload can import them. */

/** Main → renderer push: the new state after any change. */
export const STATE_UPDATE_EVENT = 'state:update';
/** Renderer → main: the window is ready for pushes (held until then). */
export const RENDERER_READY_EVENT = 'renderer:ready';
/** Main → renderer push: show this place (a WindowTarget), e.g. after a notification was clicked. */
export const NAVIGATE_EVENT = 'window:navigate';
