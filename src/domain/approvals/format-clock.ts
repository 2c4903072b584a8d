/**
 * "14:02 UTC" when `date` falls on the same UTC day as `reference`,
 * else "2026-11-20 14:02 UTC", so a time shown days later is not ambiguous.
 */
export function formatClock(date: Date, reference: Date = date): string {
  const iso = date.toISOString();
  const sameDay = iso.slice(0, 10) === reference.toISOString().slice(0, 10);
  return sameDay ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
