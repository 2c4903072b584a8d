/** A date without its fallback text: the Unix timestamp (seconds) as "2026-11-20 14:00 UTC", or '' when it is no date. */
export function utcMinute(timestamp: unknown): string {
  const date = new Date(Number(timestamp) * 1000);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
