import type { SlackArgs } from './slack-args.js';
import type { SlackWorkspace } from './slack-workspace.js';

export interface MethodContext {
  workspace: SlackWorkspace;
  args: SlackArgs;
  /** The request's Host header, for URLs the answer hands out. */
  host: string;
}

/** One Web API method: the token type it takes and what it answers besides `ok: true` (errors are thrown SlackApiErrors). */
export interface WebApiMethod {
  token: 'bot' | 'app';
  /** The OAuth scope the token needs; without it the call answers missing_scope. */
  scope?: string;
  run(context: MethodContext): Record<string, unknown>;
}
