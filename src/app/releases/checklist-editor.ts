import type { Clock } from '../../ports/clock.port.js';
import type { RichText } from '../../domain/text/rich-text.js';

/**
 * The card's checklist, edited at most once per interval (SPEC §8): a change
 * inside the interval is shown when it has passed, merged with any later one,
 * so the card never lags behind by more than one interval and never misses
 * the last state.
 */
export class ChecklistEditor {
  private lastAt = Number.NEGATIVE_INFINITY;
  private pending: RichText | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly edit: (line: RichText) => Promise<void>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly signal?: AbortSignal,
  ) {}

  /** Shows `line` now or as soon as the interval allows; does not wait. */
  show(line: RichText): void {
    this.pending = line;
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** Shows `line` and waits until it is handed to the outbox. */
  async settle(line: RichText): Promise<void> {
    await this.flushing;
    this.show(line);
    await this.flushing;
  }

  /** Until nothing is pending: a line shown while an edit is in flight is this flush's too, not left for the next change. */
  private async flush(): Promise<void> {
    while (this.pending) {
      const wait = this.lastAt + this.intervalMs - this.clock.now().getTime();
      if (wait > 0) await this.clock.sleep(wait, this.signal);
      if (this.signal?.aborted) return;
      const line = this.pending;
      this.pending = undefined;
      this.lastAt = this.clock.now().getTime();
      await this.edit(line).catch((error: unknown) => this.signal?.aborted || this.log('could not edit the release card', error));
    }
  }
}
