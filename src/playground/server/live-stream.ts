import type { ServerResponse } from 'node:http';
import type { PlaygroundState } from '../web/playground-state.js';

interface Client {
  response: ServerResponse;
  userId: string;
}

/** Comments keep idle connections (and proxies) from timing the stream out. */
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events to the open pages: each gets the whole state as its
 * user sees it on connect and after every change. Changes that come in one
 * burst (a card edit and its thread reply) are sent once.
 */
export class LiveStream {
  private readonly clients = new Set<Client>();
  private scheduled = false;
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly snapshot: (userId: string) => PlaygroundState) {
    this.keepalive = setInterval(() => this.each((client) => client.response.write(': keepalive\n\n')), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  connect(response: ServerResponse, userId: string): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    const client = { response, userId };
    this.clients.add(client);
    response.on('close', () => this.clients.delete(client));
    this.send(client, new Map());
  }

  /** Something changed: every page gets the new state, once per burst. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const byUser = new Map<string, string>();
      this.each((client) => this.send(client, byUser));
    }, 20);
  }

  close(): void {
    clearInterval(this.keepalive);
    this.each((client) => client.response.end());
    this.clients.clear();
  }

  private send(client: Client, byUser: Map<string, string>): void {
    let data = byUser.get(client.userId);
    if (data === undefined) {
      data = JSON.stringify(this.snapshot(client.userId));
      byUser.set(client.userId, data);
    }
    client.response.write(`event: state\ndata: ${data}\n\n`);
  }

  private each(act: (client: Client) => void): void {
    for (const client of [...this.clients]) act(client);
  }
}
