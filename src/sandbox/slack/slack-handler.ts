import type { SandboxHandler } from '../sandbox-handler.js';

/** Slack's Web API under /slack/api/<method>, and response_url endpoints under /slack/response/. */
export const slackHandler: SandboxHandler = async () => false;
