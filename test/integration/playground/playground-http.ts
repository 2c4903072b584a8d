import { request, type IncomingMessage } from 'node:http';
import type { PlaygroundMessage, PlaygroundState } from '../../../src/playground/web/playground-state.js';

export interface Answer {
  status: number;
  type: string;
  body: string;
  headers: IncomingMessage['headers'];
}

/** One HTTP request to the playground, the path sent exactly as given (no normalisation of dot segments). */
export function send(base: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function postJson(base: string, path: string, body: unknown): Promise<Answer> {
  return send(base, 'POST', path, JSON.stringify(body), { 'content-type': 'application/json' });
}

/** The page's live stream as one user: every state it sent, and a way to wait for one that matches. */
export class StateStream {
  readonly states: PlaygroundState[] = [];
  private readonly waiters = new Set<() => void>();
  private close?: () => void;

  static open(base: string, user: string): Promise<StateStream> {
    const stream = new StateStream();
    const { hostname, port } = new URL(base);
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path: `/events?as=${user}`, headers: { accept: 'text/event-stream' } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (/^event: state$/m.test(event) && data !== undefined) stream.push(JSON.parse(data) as PlaygroundState);
          }
        });
        resolve(stream);
      });
      req.on('error', reject);
      stream.close = () => req.destroy();
      req.end();
    });
  }

  /** The first state sent (now or later) that `find` accepts, searching from `from` on. */
  waitFor<T>(find: (state: PlaygroundState) => T | undefined, what: string, timeoutMs = 60_000, from = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      let index = from;
      const check = () => {
        for (; index < this.states.length; index++) {
          const found = find(this.states[index]!);
          if (found !== undefined) {
            done();
            resolve(found);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no state with ${what} within ${timeoutMs} ms; last: ${JSON.stringify(this.states.at(-1))?.slice(0, 2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  stop(): void {
    this.close?.();
  }

  private push(state: PlaygroundState): void {
    this.states.push(state);
    for (const waiter of [...this.waiters]) waiter();
  }
}

export const textOf = (m: PlaygroundMessage): string => `${m.text} ${JSON.stringify(m.blocks ?? [])}`;
/** The newest message (in the channel, or in any thread) whose text or blocks match. */
export const findMessage = (state: PlaygroundState, pattern: RegExp | string): PlaygroundMessage | undefined =>
  [...state.messages, ...Object.values(state.threads).flat()].reverse().find((m) => (typeof pattern === 'string' ? textOf(m).includes(pattern) : pattern.test(textOf(m))));
