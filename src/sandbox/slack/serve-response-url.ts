import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../sandbox-state.js';
import { applyResponse, type ResponseBody } from './apply-response.js';
import { checkMessageContent } from './message-content.js';
import { SlackApiError } from './slack-api-error.js';

/**
 * A POST to a response_url. Like Slack's webhooks it answers in plain text:
 * `ok`, or a 4xx with the reason (`Expired url` after 30 minutes, `Used url`
 * after 5 posts, `invalid_blocks`, `no_text`, ...).
 */
export function serveResponseUrl(req: IncomingMessage, res: ServerResponse, body: Buffer, state: SandboxState, id: string): void {
  state.record('slack', 'response_url');
  const workspace = state.slack;
  const refuse = (status: number, reason: string) => {
    workspace.logCall('response_url', false, reason);
    sendText(res, status, reason);
  };
  const grant = workspace.responseUrls.get(id);
  if (req.method !== 'POST') return refuse(405, 'invalid_method');
  if (!grant) return refuse(404, 'no_service');
  const refusal = workspace.responseUrls.refusal(grant);
  if (refusal) return refuse(404, refusal);
  let response: ResponseBody;
  try {
    response = parseResponse(body);
    if (!response.deleteOriginal) checkMessageContent(response.text, response.blocks);
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    return refuse(400, error.code);
  }
  grant.uses += 1;
  applyResponse(workspace, grant, response);
  workspace.recordResponse({ responseUrlId: grant.id, channel: grant.channel, user: grant.user, at: workspace.now(), ...response });
  workspace.logCall('response_url', true);
  sendText(res, 200, 'ok');
}

function parseResponse(body: Buffer): ResponseBody {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SlackApiError('invalid_payload');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new SlackApiError('invalid_payload');
  const fields = json as Record<string, unknown>;
  if (fields.blocks !== undefined && !Array.isArray(fields.blocks)) throw new SlackApiError('invalid_blocks_format');
  if (fields.text !== undefined && typeof fields.text !== 'string') throw new SlackApiError('invalid_payload');
  return {
    ...(typeof fields.text === 'string' ? { text: fields.text } : {}),
    ...(Array.isArray(fields.blocks) ? { blocks: fields.blocks as unknown[] } : {}),
    responseType: fields.response_type === 'in_channel' ? 'in_channel' : 'ephemeral',
    replaceOriginal: isTrue(fields.replace_original),
    deleteOriginal: isTrue(fields.delete_original),
    ...(typeof fields.thread_ts === 'string' ? { threadTs: fields.thread_ts } : {}),
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
