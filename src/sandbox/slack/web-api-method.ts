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
  run(context: MethodContext): Record<string, unknown>;
}
