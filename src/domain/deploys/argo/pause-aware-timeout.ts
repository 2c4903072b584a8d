import type { Clock } from '../../../ports/clock.port.js';

/**
 * A timeout that runs only while the canary progresses: held while the
 * Rollout is paused (a person has to promote, or a timed pause step waits,
 * as Argo's own progress deadline does not count pauses), resumed with what
 * is left. `onExpire` fires once the running time reaches `totalMs`.
 */
export class PauseAwareTimeout {
  private usedMs = 0;
  private since = 0;
  private running?: AbortController;

  constructor(
    private readonly clock: Clock,
    private readonly totalMs: number,
    private readonly onExpire: () => void,
  ) {}

  /** Time the timeout spent running (paused stretches not counted). */
  get elapsedMs(): number {
    return this.usedMs + (this.running ? this.clock.now().getTime() - this.since : 0);
  }

  run(): void {
    if (this.running) return;
    const running = (this.running = new AbortController());
    this.since = this.clock.now().getTime();
    void this.clock.sleep(Math.max(0, this.totalMs - this.usedMs), running.signal).then(() => {
      if (!running.signal.aborted) this.onExpire();
    });
  }

  hold(): void {
    if (!this.running) return;
    this.usedMs = this.elapsedMs;
    this.running.abort();
    this.running = undefined;
  }
}
