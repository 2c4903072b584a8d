import type { App } from '@slack/bolt';

export interface InFlight {
  /** Listener runs under way right now. */
  readonly count: number;
  /** Resolves once every listener run has finished, or after `timeoutMs`; true when all finished. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** Counts listener runs (commands, clicks, events) with one global middleware, so a graceful stop can wait for them. */
export function trackInFlight(app: App): InFlight {
  let count = 0;
  let idle: Array<() => void> = [];
  app.use(async ({ next }) => {
    count++;
    try {
      await next();
    } finally {
      count--;
      if (count === 0) for (const wake of idle.splice(0)) wake();
    }
  });
  return {
    get count() {
      return count;
    },
    drain: (timeoutMs) =>
      count === 0
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => {
              idle = idle.filter((w) => w !== wake);
              resolve(false);
            }, timeoutMs);
            const wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
            idle.push(wake);
          }),
  };
}
