/** 2026-11-20T09:06:30.000Z -> "2026-11-20 09:06 UTC": short enough for a finding, unambiguous across time zones. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
