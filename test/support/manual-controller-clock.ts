import type { ControllerClock } from '../../src/sandbox/kube/rollout-controller-clock.js';

/** A ControllerClock whose time moves only when the test says so; due timers run in order. */
export class ManualControllerClock implements ControllerClock {
  private time = Date.parse('2026-12-01T10:00:00Z');
  private tasks: { at: number; run: () => void; seq: number }[] = [];
  private seq = 0;
  now = () => this.time;
  schedule(ms: number, run: () => void) {
    const task = { at: this.time + ms, run, seq: (this.seq += 1) };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.time = next.at;
      next.run();
    }
    this.time = until;
  }
  pending = () => this.tasks.length;
}
