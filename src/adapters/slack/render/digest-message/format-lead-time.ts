const MINUTE_MS = 60_000;

/** 7_500_000 -> "2 h 5 min", 2_520_000 -> "42 min", 93_600_000 -> "1 d 2 h": a lead time, to the minute. */
export function formatLeadTime(ms: number): string {
  const minutes = Math.round(Math.max(0, ms) / MINUTE_MS);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
