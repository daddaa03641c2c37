/** Date and time wording for the settings window (the user's locale and time zone). */

/** A timestamp as a short local date and time (with seconds when asked), or the input when it does not parse. */
export function formatTime(iso: string, seconds = false): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' });
}

/** The last path segment of a folder, for headings (the full path goes beside it). */
export function folderName(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? dir;
}
