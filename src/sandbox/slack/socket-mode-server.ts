import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SandboxState } from '../sandbox-state.js';

const SOCKET_PATH = '/slack/socket';

/**
 * Socket Mode's WebSocket, on the upgrade of /slack/socket?ticket=… with a
 * ticket from apps.connections.open (single-use; anything else is refused
 * before the upgrade). Also tells the workspace the sandbox's URL once the
 * server listens, so the response_urls it hands out point back at it.
 */
export function attachSocketMode(server: Server, state: SandboxState): void {
  const sockets = new WebSocketServer({ noServer: true });
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') state.slack.baseUrl = `http://${address.address}:${address.port}`;
  });
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname !== SOCKET_PATH) {
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    state.record('slack', 'socket_mode.connect');
    const ticket = url.searchParams.get('ticket');
    if (!ticket || !state.slack.sockets.redeemTicket(ticket)) {
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => state.slack.sockets.accept(ws));
  });
  server.on('close', () => sockets.close());
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
