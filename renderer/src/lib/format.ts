/** Date and time wording for the settings window (the user's locale and time zone). */

/** A timestamp as a short local date and time, or the input when it does not parse. */
export function formatTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The last path segment of a folder, for headings (the full path goes beside it). */
export function folderName(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? dir;
}

/** When an activity entry happened: the time (with seconds) for today, the date and time before that. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const at = new Date(time);
  if (at.toDateString() === now.toDateString()) return at.toLocaleTimeString(undefined, { timeStyle: 'medium' });
  return at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
