import { useAppStore } from '../store/app-store';

/** Where the desktop shows no tray icons: say that the window is tokentray's home here, and how to get the icon. */
export function NoTrayNotice() {
  const tray = useAppStore((s) => s.state.desktop?.tray);
  if (tray !== 'missing') return null;
  return (
    <aside className="notice" role="note" aria-labelledby="no-tray-title" data-testid="no-tray-notice">
      <p id="no-tray-title" className="notice-title">
        Your desktop shows no tray icons
      </p>
      <p>
        So tokentray opens this window when it starts, and everything its tray menu offers is here. To get the tokentray icon in your top
        bar: on GNOME, turn on the “AppIndicator and KStatusNotifierItem Support” extension (in the Extensions app; Ubuntu has it on
        already); on elementary OS, install the Ayatana indicators for the panel (“Wingpanel Ayatana-Compatibility”). Then start tokentray
        again.
      </p>
    </aside>
  );
}
