import { randomBytes, randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { ChangeSignal } from './change-signal.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface PushOptions {
  /** How long to wait for a connected client, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** How long the client has to ack, in ms (default 3000, Slack's limit). */
  ackTimeoutMs?: number;
}

interface PendingAck {
  socket: WebSocket;
  resolve: (payload: Record<string, unknown> | undefined) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Socket Mode's side of Slack: tickets issued by apps.connections.open, the
 * connections that redeemed them, envelopes pushed to them and their acks.
 */
export class SocketHub {
  private readonly tickets = new Set<string>();
  private readonly connected: WebSocket[] = [];
  private readonly pending = new Map<string, PendingAck>();
  private readonly signal = new ChangeSignal();
  /** Connections that completed hello since the sandbox started. */
  helloCount = 0;

  constructor(
    private readonly appId: string,
    private readonly now: () => number,
  ) {}

  issueTicket(): string {
    const ticket = randomBytes(16).toString('hex');
    this.tickets.add(ticket);
    return ticket;
  }

  /** Tickets are single-use. */
  redeemTicket(ticket: string): boolean {
    return this.tickets.delete(ticket);
  }

  accept(socket: WebSocket): void {
    this.connected.push(socket);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data);
    });
    socket.on('close', () => this.forget(socket));
    socket.on('error', () => this.forget(socket));
    socket.send(JSON.stringify(this.hello()));
    this.helloCount += 1;
    this.signal.notify();
  }

  count(): number {
    return this.connected.length;
  }

  /** Resolves once some client has completed hello (at once if one is connected). */
  async waitForSocket(timeoutMs = 5000): Promise<void> {
    await this.signal.waitFor(() => this.connected.at(-1), timeoutMs, 'Socket Mode connection');
  }

  /** Pushes an envelope to the newest connection; resolves with the ack's payload (undefined when empty). */
  async push(type: EnvelopeType, payload: unknown, options: PushOptions = {}): Promise<Record<string, unknown> | undefined> {
    await this.waitForSocket(options.connectTimeoutMs ?? 5000);
    const socket = this.connected.at(-1);
    if (!socket) throw new Error('Slack sandbox: no Socket Mode connection');
    const envelopeId = randomUUID();
    const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    const acked = new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`Slack sandbox: no ack for the ${type} envelope within ${ackTimeoutMs} ms`));
      }, ackTimeoutMs);
      this.pending.set(envelopeId, { socket, resolve, reject, timer });
    });
    socket.send(JSON.stringify({ envelope_id: envelopeId, payload, type, accepts_response_payload: type !== 'events_api' }));
    return acked;
  }

  /** What Slack does before recycling a connection: a disconnect message, then the close. */
  disconnectAll(reason: string): void {
    for (const socket of this.takeAll()) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'sandbox' } }));
      socket.close(1000);
    }
  }

  /** Drops every TCP connection with no goodbye, as a network failure would. */
  dropAll(): void {
    for (const socket of this.takeAll()) socket.terminate();
  }

  private takeAll(): WebSocket[] {
    const sockets = this.connected.splice(0);
    for (const socket of sockets) this.failPending(socket, 'the connection was closed before the ack');
    return sockets;
  }

  private forget(socket: WebSocket): void {
    const index = this.connected.indexOf(socket);
    if (index >= 0) this.connected.splice(index, 1);
    this.failPending(socket, 'the connection closed before the ack');
  }

  private failPending(socket: WebSocket, why: string): void {
    for (const [envelopeId, ack] of this.pending) {
      if (ack.socket !== socket) continue;
      clearTimeout(ack.timer);
      this.pending.delete(envelopeId);
      ack.reject(new Error(`Slack sandbox: ${why}`));
    }
  }

  private onMessage(data: RawData): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const ack = this.pending.get(message.envelope_id);
    if (!ack) return;
    clearTimeout(ack.timer);
    this.pending.delete(message.envelope_id);
    const payload = message.payload;
    const isObject = typeof payload === 'object' && payload !== null;
    ack.resolve(isObject && Object.keys(payload).length > 0 ? (payload as Record<string, unknown>) : undefined);
  }

  private hello(): Record<string, unknown> {
    return {
      type: 'hello',
      num_connections: this.connected.length,
      debug_info: { host: 'sandbox', started: formatStarted(this.now()), build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    };
  }
}

/** Slack's "2021-05-04 20:34:38" style. */
function formatStarted(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}
