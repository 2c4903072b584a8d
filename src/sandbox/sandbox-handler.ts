import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from './sandbox-state.js';

/**
 * One protocol of the sandbox. Returns false when the request is not its
 * business, so the next handler gets it; `body` is the whole request body.
 */
export type SandboxHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  state: SandboxState,
) => Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
