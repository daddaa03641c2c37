/** The expiry choices offered for an MCP token, and their conversion to the YYYY-MM-DD date main stores. */

export type ExpiryChoice = '7d' | '30d' | '90d' | '1y' | 'never';

/** The choices in the order the form lists them, with the words it shows. */
export const EXPIRY_CHOICES: ReadonlyArray<{ value: ExpiryChoice; label: string }> = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '1y', label: '1 year' },
  { value: 'never', label: 'Never' },
];

const DAYS: Record<Exclude<ExpiryChoice, '1y' | 'never'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** The expiry date for a choice made at `now` (UTC calendar date, as profiles.json keeps it), or null for never. */
export function expiryDate(choice: ExpiryChoice, now: Date): string | null {
  if (choice === 'never') return null;
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  // Date.UTC rolls over month ends and 29 February (to 1 March) by itself.
  const end = choice === '1y' ? Date.UTC(y + 1, m, d) : Date.UTC(y, m, d + DAYS[choice]);
  return new Date(end).toISOString().slice(0, 10);
}
