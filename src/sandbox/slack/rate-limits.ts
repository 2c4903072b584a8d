/** Web API methods told to answer 429 for their next few calls. */
export class RateLimits {
  private readonly pending = new Map<string, { times: number; retryAfterSeconds: number }>();

  add(method: string, times: number, retryAfterSeconds: number): void {
    this.pending.set(method, { times, retryAfterSeconds });
  }

  /** The Retry-After (seconds) to answer this call of `method` with, or undefined to serve it. */
  take(method: string): number | undefined {
    const limit = this.pending.get(method);
    if (!limit || limit.times <= 0) return undefined;
    limit.times -= 1;
    if (limit.times === 0) this.pending.delete(method);
    return limit.retryAfterSeconds;
  }
}
