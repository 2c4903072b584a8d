import type { Clock } from '../../../src/ports/clock.port.js';
import type { HttpClientPort, HttpRequest, HttpResponse } from '../../../src/ports/http-client.port.js';

export interface PendingRequest {
  request: HttpRequest;
  respond(response: Partial<HttpResponse>): void;
}

/**
 * An HttpClientPort that records every request in the order it was started
 * and answers only when the test says so (`held`), or at once from `routes`.
 */
export class FakeHttpClient implements HttpClientPort {
  readonly started: HttpRequest[] = [];
  readonly pending: PendingRequest[] = [];

  constructor(readonly routes: Record<string, Partial<HttpResponse>> = {}, private readonly held = false) {}

  request(request: HttpRequest): Promise<HttpResponse> {
    this.started.push(request);
    const path = new URL(request.url).pathname;
    if (!this.held) return Promise.resolve(complete(this.routes[`${request.method} ${path}`] ?? { status: 404, body: '{}' }));
    return new Promise((resolve) => {
      this.pending.push({ request, respond: (response) => resolve(complete(response)) });
    });
  }

  startedPaths(): string[] {
    return this.started.map((r) => `${r.method} ${new URL(r.url).pathname}`);
  }

  /** Answers the one pending request to `path`. */
  answer(path: string, response: Partial<HttpResponse>): void {
    const index = this.pending.findIndex((p) => new URL(p.request.url).pathname === path);
    if (index < 0) throw new Error(`no pending request to ${path} (started: ${this.startedPaths().join(', ')})`);
    const [pending] = this.pending.splice(index, 1);
    pending!.respond(response);
  }
}

function complete(response: Partial<HttpResponse>): HttpResponse {
  return { headers: {}, body: '', latencyMs: 10, ...response };
}

export const json = (status: number, body: unknown, latencyMs = 10): Partial<HttpResponse> => ({
  status,
  body: JSON.stringify(body),
  latencyMs,
  headers: { 'content-type': 'application/json' },
});

/** Lets every promise that can settle do so, without waiting on a timer. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export const fixedClock: Clock = { now: () => new Date('2026-11-20T14:00:00Z'), sleep: async () => undefined };
