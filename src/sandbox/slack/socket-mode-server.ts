import type { Server } from 'node:http';
import type { SandboxState } from '../sandbox-state.js';

/** Socket Mode's WebSocket, on the upgrade of /slack/socket. */
export function attachSocketMode(_server: Server, _state: SandboxState): void {}
