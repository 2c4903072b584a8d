import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackInFlight } from '../../../src/bot/in-flight.js';

type Middleware = (args: { next: () => Promise<void> }) => Promise<void>;

/** Just enough of a Bolt App: `use` hands over the global middleware. */
function fakeApp() {
  const middleware: Middleware[] = [];
  const app = { use: (mw: Middleware) => void middleware.push(mw) } as unknown as App;
  return { app, middleware };
}

/** A listener run the test finishes (or fails) when it wants. */
function listenerRun(mw: Middleware) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const next = () =>
    new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  const run = mw({ next });
  return { run, finish: () => finish(), fail: (error: Error) => fail(error) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('trackInFlight', () => {
  it('installs one global middleware', () => {
    // given
    const { app, middleware } = fakeApp();
    // when
    trackInFlight(app);
    // then
    expect(middleware).toHaveLength(1);
  });

  it('counts listener runs up while they run and down when they end, even when they fail', async () => {
    // given
    const { app, middleware } = fakeApp();
    const inFlight = trackInFlight(app);
    // when
    const first = listenerRun(middleware[0]!);
    const second = listenerRun(middleware[0]!);
    // then
    expect(inFlight.count).toBe(2);
    first.finish();
    await first.run;
    expect(inFlight.count).toBe(1);
    second.fail(new Error('listener threw'));
    await expect(second.run).rejects.toThrow('listener threw');
    expect(inFlight.count).toBe(0);
  });

  it('drains at once when nothing runs', async () => {
    const { app } = fakeApp();
    await expect(trackInFlight(app).drain(5_000)).resolves.toBe(true);
  });

  it('drains with true when the last run ends', async () => {
    // given two runs under way
    const { app, middleware } = fakeApp();
    const inFlight = trackInFlight(app);
    const first = listenerRun(middleware[0]!);
    const second = listenerRun(middleware[0]!);
    let drained: boolean | undefined;
    const draining = inFlight.drain(60_000).then((d) => (drained = d));
    // when the first ends
    first.finish();
    await first.run;
    // then draining goes on
    expect(drained).toBeUndefined();
    // and ends with the second
    second.finish();
    await second.run;
    await draining;
    expect(drained).toBe(true);
  });

  it('drains with false after the timeout while a run is stuck, and a later drain still works', async () => {
    // given a stuck run
    vi.useFakeTimers();
    const { app, middleware } = fakeApp();
    const inFlight = trackInFlight(app);
    const stuck = listenerRun(middleware[0]!);
    // when the timeout passes
    const draining = inFlight.drain(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    // then
    await expect(draining).resolves.toBe(false);
    expect(inFlight.count).toBe(1);
    // and a second drain ends when the run does
    const again = inFlight.drain(5_000);
    stuck.finish();
    await stuck.run;
    await expect(again).resolves.toBe(true);
  });
});
