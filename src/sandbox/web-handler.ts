import type { SandboxHandler } from './sandbox-handler.js';
import { sendJson } from './sandbox-handler.js';

/**
 * The services' own web endpoints (health URLs, smoke-test APIs), as listed in
 * the world. An endpoint answers its method (GET by default; HEAD as GET
 * without a body); the path with another method answers 405, as web servers do.
 */
export const webHandler: SandboxHandler = async (req, res, _body, state) => {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  const onPath = state.world.http.endpoints.filter((e) => e.path === path);
  if (onPath.length === 0) return false;
  const method = (req.method ?? 'GET').toUpperCase();
  state.record('http', `${method} ${path}`);
  const served = (e: (typeof onPath)[number]) => (e.method ?? 'GET').toUpperCase();
  const endpoint = onPath.find((e) => served(e) === method) ?? (method === 'HEAD' ? onPath.find((e) => served(e) === 'GET') : undefined);
  if (!endpoint) {
    sendJson(res, 405, { error: 'method not allowed' }, { allow: [...new Set(onPath.map(served))].join(', ') });
    return true;
  }
  if (endpoint.delayMs) await new Promise((r) => setTimeout(r, endpoint.delayMs));
  const required = endpoint.requireHeader;
  if (required && req.headers[required.name.toLowerCase()] !== required.value) {
    sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    return true;
  }
  const body = endpoint.body ?? { status: endpoint.status < 400 ? 'ok' : 'error' };
  if (method === 'HEAD') {
    res.writeHead(endpoint.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(JSON.stringify(body)) });
    res.end();
    return true;
  }
  sendJson(res, endpoint.status, body);
  return true;
};
