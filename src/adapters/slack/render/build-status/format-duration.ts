/** 42_000 -> "42s", 184_000 -> "3m 04s", 3_780_000 -> "1h 03m": short, and steady in width as it grows. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
