/** Time, injectable so expiry, throttling and schedules are tested without waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`; an aborted signal resolves it at once (so a finished wait holds no timer). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    }),
};
