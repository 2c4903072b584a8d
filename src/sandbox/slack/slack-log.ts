/** What the sandbox's Slack workspace remembers, for tests and the demo to inspect. */

export interface MessageContent {
  text: string;
  blocks?: unknown[];
}

/** One edit of a message: what it set, when, and whether chat.update or a response_url's replace_original made it. */
export interface MessageEdit extends MessageContent {
  at: number;
  via: 'api' | 'response_url';
}

/** A message as the channel shows it: every update applied, earlier updates kept in `edits`. */
export interface PostedMessage extends MessageContent {
  channel: string;
  ts: string;
  threadTs?: string;
  replyBroadcast: boolean;
  /** The author: the bot user for the bot's posts. */
  user: string;
  botId?: string;
  /** chat.postMessage, a response_url post with response_type in_channel, or a person (seeded by a test). */
  via: 'api' | 'response_url' | 'person';
  postedAt: number;
  /** Each update, in order, with the content it set. */
  edits: MessageEdit[];
  deleted: boolean;
}

/** A message only `user` sees. */
export interface EphemeralMessage extends MessageContent {
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  via: 'api' | 'response_url';
  postedAt: number;
  edits: MessageEdit[];
  deleted: boolean;
}

/** An accepted POST to a response_url. */
export interface ResponseUrlPost {
  responseUrlId: string;
  channel: string;
  /** Who ran the command or clicked the button the response_url came with. */
  user: string;
  at: number;
  text?: string;
  blocks?: unknown[];
  responseType: 'ephemeral' | 'in_channel';
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  threadTs?: string;
}

/** One call to the Web API or a response_url, with its outcome. */
export interface SlackCall {
  /** chat.postMessage, ..., or `response_url`. */
  method: string;
  ok: boolean;
  error?: string;
  at: number;
}
