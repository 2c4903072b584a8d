/**
 * What the server streams to the page: the whole channel as one acting user
 * sees it. Type-only, shared by the server (which builds it) and the page
 * (which draws it); text and blocks are raw Slack content, drawn by the renderer.
 */
import type { RenderContext } from '../render/render-blocks.js';

export interface PlaygroundMessage {
  /** The Slack ts (or, for a Slack client's own ephemeral, one made the same way). */
  ts: string;
  threadTs?: string;
  author: string;
  /** 'bot' (shipmate), 'person', or 'slackbot' (Slack's own answers). */
  authorKind: 'bot' | 'person' | 'slackbot';
  text: string;
  blocks?: unknown[];
  edited: boolean;
  /** A thread reply also sent to the channel. */
  broadcast: boolean;
  /** Shown to the acting user only. */
  ephemeral: boolean;
  replyCount: number;
}

export interface PlaygroundState {
  /** 'connected' once the bot holds its Socket Mode connection; 'resetting' while a scenario starts. */
  status: 'connected' | 'resetting' | 'starting';
  scenario: string;
  scenarios: { id: string; label: string }[];
  user: string;
  users: { id: string; label: string }[];
  commands: { name: string; usage: string; summary: string }[];
  channel: { id: string; name: string };
  context: RenderContext;
  /** The channel's messages in order: top-level posts, broadcast replies, the acting user's ephemerals. */
  messages: PlaygroundMessage[];
  /** Replies by their parent's ts. */
  threads: Record<string, PlaygroundMessage[]>;
  /** The acting user's published Home tab, or null before the app published one. */
  home: { blocks: unknown[] } | null;
}
