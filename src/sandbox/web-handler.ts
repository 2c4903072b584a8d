import type { SandboxHandler } from './sandbox-handler.js';
import { sendJson } from './sandbox-handler.js';

/** The services' own web endpoints (health URLs), as listed in the world. */
export const webHandler: SandboxHandler = async (req, res, _body, state) => {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  const endpoint = state.world.http.endpoints.find((e) => e.path === path);
  if (!endpoint) return false;
  state.record('http', `${req.method} ${path}`);
  if (endpoint.delayMs) await new Promise((r) => setTimeout(r, endpoint.delayMs));
  sendJson(res, endpoint.status, endpoint.body ?? { status: endpoint.status < 400 ? 'ok' : 'error' });
  return true;
};
