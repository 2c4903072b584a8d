import { describe, expect, it } from 'vitest';
import { ChecklistEditor } from '../../../../src/app/releases/checklist-editor.js';
import { rich, type RichText } from '../../../../src/domain/text/rich-text.js';
import type { Clock } from '../../../../src/ports/clock.port.js';

const INTERVAL = 3_000;

/** A clock whose sleeps end when the test lets the time they asked for pass (an aborted one ends at once). */
class SteppedClock implements Clock {
  ms = Date.parse('2026-11-22T10:00:00Z');
  readonly asked: number[] = [];
  private waiting: { ms: number; wake: () => void }[] = [];
  now = () => new Date(this.ms);
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.asked.push(ms);
    return new Promise((resolve) => {
      this.waiting.push({ ms, wake: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  /** The oldest sleep's time passes (when one is waiting). */
  async pass(): Promise<void> {
    const next = this.waiting.shift();
    if (next) {
      this.ms += next.ms;
      next.wake();
    }
    await settleDown();
  }
}

const settleDown = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

function editor(options: { signal?: AbortSignal; failFirst?: boolean; slow?: boolean } = {}) {
  const clock = new SteppedClock();
  const edits: string[] = [];
  const logged: string[] = [];
  let fail = options.failFirst ?? false;
  const inFlight: (() => void)[] = [];
  const edit = async (line: RichText) => {
    if (options.slow) await new Promise<void>((resolve) => inFlight.push(resolve));
    if (fail) {
      fail = false;
      throw new Error('chat.update: ratelimited');
    }
    edits.push(String(line));
  };
  const card = new ChecklistEditor(edit, clock, INTERVAL, (message) => void logged.push(message), options.signal);
  /** The edits handed over but not answered yet (slow) are answered. */
  const answer = async () => {
    for (const resolve of inFlight.splice(0)) resolve();
    await settleDown();
  };
  return { card, clock, edits, logged, answer };
}

describe('ChecklistEditor: at most one card edit per interval, the last state always shown', () => {
  it('given no edit yet, when a line is shown, then the card is edited at once', async () => {
    // given
    const { card, clock, edits } = editor();
    // when
    card.show(rich`stage 1 of 3`);
    await settleDown();
    // then
    expect(edits).toEqual(['stage 1 of 3']);
    expect(clock.asked).toEqual([]);
  });

  it('given an edit just made, when two more lines are shown within the interval, then only the later one is edited, once the interval has passed', async () => {
    // given
    const { card, clock, edits } = editor();
    card.show(rich`stage 1 of 3`);
    await settleDown();
    // when
    card.show(rich`stage 2 of 3`);
    card.show(rich`stage 3 of 3`);
    await settleDown();
    // then: the card waits for the interval
    expect(edits).toEqual(['stage 1 of 3']);
    expect(clock.asked).toEqual([INTERVAL]);
    await clock.pass();
    expect(edits).toEqual(['stage 1 of 3', 'stage 3 of 3']);
  });

  it('given an edit made after a wait, when another line is shown at once, then it too waits a whole interval', async () => {
    // given
    const { card, clock, edits } = editor();
    card.show(rich`a`);
    await settleDown();
    card.show(rich`b`);
    await clock.pass();
    // when
    card.show(rich`c`);
    await settleDown();
    // then
    expect(edits).toEqual(['a', 'b']);
    expect(clock.asked).toEqual([INTERVAL, INTERVAL]);
    await clock.pass();
    expect(edits).toEqual(['a', 'b', 'c']);
  });

  it('given the interval passed since the last edit, when a line is shown, then it is edited without waiting', async () => {
    const { card, clock, edits } = editor();
    card.show(rich`a`);
    await settleDown();
    clock.ms += INTERVAL;
    card.show(rich`b`);
    await settleDown();
    expect(edits).toEqual(['a', 'b']);
    expect(clock.asked).toEqual([]);
  });

  it('given a line waiting for the interval, when settle is called with the final line, then it resolves only once the final line is edited, after the waiting one', async () => {
    // given
    const { card, clock, edits } = editor();
    card.show(rich`a`);
    await settleDown();
    card.show(rich`b`);
    // when
    let settled = false;
    const settling = card.settle(rich`done`).then(() => void (settled = true));
    await settleDown();
    expect(settled).toBe(false);
    await clock.pass();
    expect(settled).toBe(false);
    await clock.pass();
    await settling;
    // then
    expect(edits).toEqual(['a', 'b', 'done']);
  });

  it('given an edit still in flight, when a new line is shown, then it is edited after the interval (not left until the next change)', async () => {
    // given: the outbox takes its time to take the first edit
    const { card, clock, edits, answer } = editor({ slow: true });
    card.show(rich`stage 1 of 3`);
    await settleDown();
    // when: the next stage starts while that edit is in flight, and nothing else changes for a long time
    card.show(rich`stage 2 of 3`);
    await answer();
    await clock.pass();
    await answer();
    // then
    expect(edits).toEqual(['stage 1 of 3', 'stage 2 of 3']);
  });

  it('given an edit still in flight, when settle is called, then it resolves once its own line is edited', async () => {
    const { card, clock, edits, answer } = editor({ slow: true });
    card.show(rich`a`);
    await settleDown();
    let settled = false;
    const settling = card.settle(rich`done`).then(() => void (settled = true));
    await answer();
    expect(settled).toBe(false);
    await clock.pass();
    await answer();
    await settling;
    expect(edits).toEqual(['a', 'done']);
  });

  it('given an edit that fails, when later lines are shown, then the failure is logged and the card is still edited', async () => {
    const { card, clock, edits, logged } = editor({ failFirst: true });
    card.show(rich`a`);
    await settleDown();
    card.show(rich`b`);
    await clock.pass();
    expect(logged).toEqual(['could not edit the release card']);
    expect(edits).toEqual(['b']);
  });

  it('given a line waiting for the interval, when the release is handed over (signal aborted), then it is not edited', async () => {
    // given
    const handOver = new AbortController();
    const { card, edits } = editor({ signal: handOver.signal });
    card.show(rich`a`);
    await settleDown();
    card.show(rich`b`);
    // when
    handOver.abort();
    await settleDown();
    // then
    expect(edits).toEqual(['a']);
  });
});
