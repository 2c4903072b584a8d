import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../sandbox-handler.js';
import type { SandboxState } from '../sandbox-state.js';
import { SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_BOT_TOKEN } from './sandbox-slack-secrets.js';
import { SlackApiError } from './slack-api-error.js';
import { SlackArgs } from './slack-args.js';
import type { WebApiMethod } from './web-api-method.js';
import { WEB_API_METHODS } from './web-api-methods.js';

/**
 * One Web API call: always HTTP 200 with `{ ok }` JSON, except a rate-limited
 * call, which is HTTP 429 with Retry-After, as Slack answers.
 */
export function serveWebApi(req: IncomingMessage, res: ServerResponse, body: Buffer, state: SandboxState, methodName: string): void {
  state.record('slack', methodName);
  const workspace = state.slack;
  try {
    const method = WEB_API_METHODS.get(methodName);
    if (!method) throw new SlackApiError('unknown_method', { req_method: methodName });
    const args = SlackArgs.parse(req, body);
    checkToken(tokenOf(req, args), method);
    checkScope(method, workspace.botScopes);
    const retryAfter = workspace.rateLimits.take(methodName);
    if (retryAfter !== undefined) {
      workspace.logCall(methodName, false, 'ratelimited');
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      return;
    }
    const result = method.run({ workspace, args, host: req.headers.host ?? '127.0.0.1' });
    workspace.logCall(methodName, true);
    sendJson(res, 200, { ok: true, ...result });
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    workspace.logCall(methodName, false, error.code);
    sendJson(res, 200, { ok: false, error: error.code, ...error.details });
  }
}

function checkScope(method: WebApiMethod, granted: ReadonlySet<string>): void {
  if (method.scope === undefined || granted.has(method.scope)) return;
  throw new SlackApiError('missing_scope', { needed: method.scope, provided: [...granted].join(',') });
}

function tokenOf(req: IncomingMessage, args: SlackArgs): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? args.string('token');
}

function checkToken(token: string | undefined, method: WebApiMethod): void {
  if (!token) throw new SlackApiError('not_authed');
  const type = token === SANDBOX_SLACK_BOT_TOKEN ? 'bot' : token === SANDBOX_SLACK_APP_TOKEN ? 'app' : undefined;
  if (!type) throw new SlackApiError('invalid_auth');
  if (type !== method.token) throw new SlackApiError('not_allowed_token_type');
}
