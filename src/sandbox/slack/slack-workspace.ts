import type { WorldSlack, WorldSlackChannel } from '../world.js';
import { ChangeSignal } from './change-signal.js';
import { deliverOverHttp, type HttpDelivery } from './deliver-over-http.js';
import { RateLimits } from './rate-limits.js';
import { ResponseUrls, type ResponseTarget, type ResponseUrlGrant } from './response-urls.js';
import type { EphemeralMessage, MessageContent, PostedMessage, ResponseUrlPost, SlackCall } from './slack-log.js';
import { SlackTimestamps } from './slack-timestamps.js';
import { slashCommandPayload, type SlashCommand } from './slash-command-payload.js';
import { SocketHub, type PushOptions } from './socket-hub.js';

export type SlashCommandDelivery = ({ mode: 'socket' } & PushOptions) | HttpDelivery;

export interface SlashCommandResult {
  /** The app's HTTP status (200 for a Socket Mode ack). */
  status: number;
  /** The ack's body or payload, parsed; undefined when the app acked with nothing. */
  ack: unknown;
  /** The response_url that came with the command. */
  responseUrl: string;
}

type NewMessage = Omit<PostedMessage, 'ts' | 'postedAt' | 'edits' | 'deleted'>;
type NewEphemeral = Omit<EphemeralMessage, 'ts' | 'postedAt' | 'edits' | 'deleted'>;

/** The Slack workspace of the sandbox: its channels and users, what the bot did, and a way to act as Slack towards the bot. */
export class SlackWorkspace {
  /** The workspace's clock (response_url expiry, message timestamps); replace it to move time. */
  now: () => number = () => Date.now();
  /** http://127.0.0.1:PORT of the sandbox, known once it listens; response_urls point at it. */
  baseUrl?: string;

  /** Messages as channels show them, with every update applied. */
  readonly messages: PostedMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  /** Accepted response_url posts. */
  readonly responses: ResponseUrlPost[] = [];
  /** Every Web API and response_url call, with its outcome. */
  readonly calls: SlackCall[] = [];

  readonly rateLimits = new RateLimits();
  readonly responseUrls: ResponseUrls;
  readonly sockets: SocketHub;
  private readonly timestamps: SlackTimestamps;
  private readonly changes = new ChangeSignal();

  constructor(readonly world: WorldSlack) {
    const clock = () => this.now();
    this.responseUrls = new ResponseUrls(clock);
    this.sockets = new SocketHub(world.appId, clock);
    this.timestamps = new SlackTimestamps(clock);
  }

  /** A channel by id, or by name with or without '#', as chat.postMessage accepts. */
  channel(idOrName: string): WorldSlackChannel | undefined {
    const name = idOrName.replace(/^#/, '');
    return this.world.channels.find((c) => c.id === idOrName) ?? this.world.channels.find((c) => c.name === name);
  }

  user(id: string): { id: string; name: string } | undefined {
    return this.world.users.find((u) => u.id === id);
  }

  /** The next `times` calls of `method` answer HTTP 429 with this Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds = 1): void {
    this.rateLimits.add(method, times, retryAfterSeconds);
  }

  post(message: NewMessage): PostedMessage {
    const posted: PostedMessage = { ...message, ts: this.timestamps.next(), postedAt: this.now(), edits: [], deleted: false };
    this.messages.push(posted);
    this.changes.notify();
    return posted;
  }

  postEphemeral(message: NewEphemeral): EphemeralMessage {
    const posted: EphemeralMessage = { ...message, ts: this.timestamps.next(), postedAt: this.now(), edits: [], deleted: false };
    this.ephemerals.push(posted);
    this.changes.notify();
    return posted;
  }

  /** A person's message, for tests that need one the bot did not write. */
  postAsPerson(channel: string, user: string, text: string): PostedMessage {
    return this.post({ channel, user, text, replyBroadcast: false, via: 'person' });
  }

  edit(message: PostedMessage | EphemeralMessage, content: MessageContent): void {
    message.text = content.text;
    message.blocks = content.blocks;
    message.edits.push({ ...content, at: this.now() });
    this.changes.notify();
  }

  remove(message: PostedMessage | EphemeralMessage): void {
    message.deleted = true;
    this.changes.notify();
  }

  findMessage(channel: string, ts: string): PostedMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  find(target: ResponseTarget): PostedMessage | EphemeralMessage | undefined {
    const log: (PostedMessage | EphemeralMessage)[] = target.kind === 'message' ? this.messages : this.ephemerals;
    return log.find((m) => m.channel === target.channel && m.ts === target.ts && !m.deleted);
  }

  recordResponse(post: ResponseUrlPost): void {
    this.responses.push(post);
    this.changes.notify();
  }

  logCall(method: string, ok: boolean, error?: string): void {
    this.calls.push(error === undefined ? { method, ok, at: this.now() } : { method, ok, error, at: this.now() });
  }

  /** A response_url for `user` in `channel`; pass `original` for a button click on that message. */
  createResponseUrl(channel: string, user: string, original?: ResponseTarget): string {
    return this.responseUrlOf(this.responseUrls.create(channel, user, original));
  }

  /** Sends a slash command to the bot as Slack does: over its Socket Mode connection, or signed over HTTP. */
  async sendSlashCommand(command: SlashCommand, delivery: SlashCommandDelivery): Promise<SlashCommandResult> {
    const responseUrl = this.responseUrlOf(this.responseUrls.create(command.channelId, command.userId));
    const payload = slashCommandPayload(this.world, command, responseUrl);
    if (delivery.mode === 'socket') {
      const ack = await this.sockets.push('slash_commands', payload, delivery);
      return { status: 200, ack, responseUrl };
    }
    const answer = await deliverOverHttp(delivery, new URLSearchParams(payload).toString());
    return { ...answer, responseUrl };
  }

  socketCount(): number {
    return this.sockets.count();
  }

  waitForSocket(timeoutMs = 5000): Promise<void> {
    return this.sockets.waitForSocket(timeoutMs);
  }

  disconnectSockets(reason = 'refresh_requested'): void {
    this.sockets.disconnectAll(reason);
  }

  dropSockets(): void {
    this.sockets.dropAll();
  }

  waitForMessage(predicate: (m: PostedMessage) => boolean, timeoutMs = 5000): Promise<PostedMessage> {
    const find = () => this.messages.find((m) => !m.deleted && predicate(m));
    return this.changes.waitFor(find, timeoutMs, 'matching message');
  }

  waitForEphemeral(predicate: (m: EphemeralMessage) => boolean, timeoutMs = 5000): Promise<EphemeralMessage> {
    const find = () => this.ephemerals.find((m) => !m.deleted && predicate(m));
    return this.changes.waitFor(find, timeoutMs, 'matching ephemeral message');
  }

  waitForResponse(predicate: (r: ResponseUrlPost) => boolean, timeoutMs = 5000): Promise<ResponseUrlPost> {
    return this.changes.waitFor(() => this.responses.find(predicate), timeoutMs, 'matching response_url post');
  }

  private responseUrlOf(grant: ResponseUrlGrant): string {
    if (!this.baseUrl) throw new Error('Slack sandbox: the workspace does not know its URL yet (start it with startSandbox)');
    return `${this.baseUrl}/slack/response/${grant.id}`;
  }
}
