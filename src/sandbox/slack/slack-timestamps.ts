/**
 * Message timestamps as Slack makes them ("1700000000.000100"): seconds and
 * microseconds from the clock, unique and increasing within the workspace.
 */
export class SlackTimestamps {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }
}
