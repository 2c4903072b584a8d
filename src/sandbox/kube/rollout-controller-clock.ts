/** The time source and timers of the rollout controller; tests swap in a manual one. */
export interface ControllerClock {
  now(): number;
  /** Runs `run` after `ms`; the returned function cancels it. */
  schedule(ms: number, run: () => void): () => void;
}

/** Real time, with timers that never keep the process alive. */
export const realClock: ControllerClock = {
  now: () => Date.now(),
  schedule(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Kubernetes timestamps: RFC 3339 in seconds. */
export const timestampOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
