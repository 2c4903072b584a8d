/**
 * At most one edit per change and at most one per interval (SPEC §8: one per
 * phase change, one per 3 s). A change inside the interval is not lost: it is
 * shown when the interval has passed, merged with any later change.
 */
export class EditThrottle {
  private readonly shown = new Map<string, { key: string; at: number }>();

  constructor(private readonly intervalMs = 3000) {}

  /** Whether the message `id` should be edited now to show the state `key`. */
  shouldEdit(id: string, key: string, now: number): boolean {
    const last = this.shown.get(id);
    if (last?.key === key) return false;
    return !last || now - last.at >= this.intervalMs;
  }

  /** When a pending change may be shown, in ms from now (0 when nothing waits). */
  waitFor(id: string, key: string, now: number): number {
    const last = this.shown.get(id);
    if (!last || last.key === key) return 0;
    return Math.max(0, this.intervalMs - (now - last.at));
  }

  edited(id: string, key: string, now: number): void {
    this.shown.set(id, { key, at: now });
  }

  forget(id: string): void {
    this.shown.delete(id);
  }
}
