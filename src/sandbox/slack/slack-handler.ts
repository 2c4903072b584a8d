import { sendJson, type SandboxHandler } from '../sandbox-handler.js';
import { serveResponseUrl } from './serve-response-url.js';
import { serveWebApi } from './serve-web-api.js';

const API_PREFIX = '/slack/api/';
const RESPONSE_PREFIX = '/slack/response/';

/** Slack's Web API under /slack/api/<method>, and response_url endpoints under /slack/response/. */
export const slackHandler: SandboxHandler = async (req, res, body, state) => {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  if (!path.startsWith('/slack/')) return false;
  if (path.startsWith(API_PREFIX)) serveWebApi(req, res, body, state, path.slice(API_PREFIX.length));
  else if (path.startsWith(RESPONSE_PREFIX)) serveResponseUrl(req, res, body, state, path.slice(RESPONSE_PREFIX.length));
  else sendJson(res, 404, { message: `sandbox: nothing at ${req.method} ${path}` });
  return true;
};
