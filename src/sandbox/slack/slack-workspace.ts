import type { WorldSlack, WorldSlackChannel } from '../world.js';
import { blockActionsPayload } from './block-actions-payload.js';
import { SANDBOX_BOT_SCOPES } from './bot-scopes.js';
import { ChangeSignal } from './change-signal.js';
import { messageObject } from './chat-methods.js';
import { deliverOverHttp, type HttpDelivery } from './deliver-over-http.js';
import { findButton, withBlockIds, type ButtonClick } from './find-button.js';
import { RateLimits } from './rate-limits.js';
import { ResponseUrls, type ResponseTarget, type ResponseUrlGrant } from './response-urls.js';
import type { EphemeralMessage, MessageContent, MessageEdit, PostedMessage, ResponseUrlPost, SlackCall } from './slack-log.js';
import { SlackTimestamps } from './slack-timestamps.js';
import { slashCommandPayload, type SlashCommand } from './slash-command-payload.js';
import { SocketHub, type EnvelopeType, type PushOptions } from './socket-hub.js';

/** How Slack reaches the app: its Socket Mode connection, or a signed POST to its Request URL. */
export type SlashCommandDelivery = ({ mode: 'socket' } & PushOptions) | HttpDelivery;
export type InteractionDelivery = SlashCommandDelivery;

export interface SlashCommandResult {
  /** The app's HTTP status (200 for a Socket Mode ack). */
  status: number;
  /** The ack's body or payload, parsed; undefined when the app acked with nothing. */
  ack: unknown;
  /** The response_url that came with the command or click. */
  responseUrl: string;
}
export type ButtonClickResult = SlashCommandResult;

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

  /** The bot token's OAuth scopes; delete one to make the methods needing it answer missing_scope. */
  readonly botScopes = new Set(SANDBOX_BOT_SCOPES);
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

  edit(message: PostedMessage | EphemeralMessage, content: MessageContent, via: MessageEdit['via']): void {
    message.text = content.text;
    message.blocks = content.blocks;
    message.edits.push({ ...content, at: this.now(), via });
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
    return this.deliver('slash_commands', payload, new URLSearchParams(payload).toString(), delivery, responseUrl);
  }

  /**
   * A person clicks a button on a message, and Slack sends the app a
   * block_actions interaction: an `interactive` envelope over Socket Mode, or
   * a signed `payload=<JSON>` form POST over HTTP. Its response_url replaces
   * the clicked message on replace_original.
   */
  async clickButton(click: ButtonClick, delivery: InteractionDelivery): Promise<ButtonClickResult> {
    const { target, message } = this.clickedMessage(click);
    const clicked = findButton(message.blocks ?? [], click);
    const responseUrl = this.createResponseUrl(click.channelId, click.userId, target);
    const shown = target.kind === 'message' ? { ...messageObject(message as PostedMessage, this), blocks: withBlockIds(message.blocks ?? []) } : undefined;
    const payload = blockActionsPayload({
      world: this.world,
      userId: click.userId,
      channelId: click.channelId,
      messageTs: message.ts,
      ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      ...(shown ? { message: shown } : {}),
      clicked,
      responseUrl,
      actionTs: this.timestamps.next(),
    });
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.deliver('interactive', payload, form, delivery, responseUrl);
  }

  /** Many clicks at once, as when a whole channel hits Approve. */
  clickButtons(clicks: readonly ButtonClick[], delivery: InteractionDelivery): Promise<ButtonClickResult[]> {
    return Promise.all(clicks.map((click) => this.clickButton(click, delivery)));
  }

  /** Every edit of a message (chat.update or replace_original), in order, with its time. */
  editsOf(channel: string, ts: string): readonly MessageEdit[] {
    const message = this.messages.find((m) => m.channel === channel && m.ts === ts);
    if (!message) throw new Error(`Slack sandbox: no message ${ts} in ${channel}`);
    return message.edits;
  }

  /** Resolves with the message's edits once it has been edited at least `count` times. */
  waitForEdits(channel: string, ts: string, count: number, timeoutMs = 5000): Promise<readonly MessageEdit[]> {
    const find = () => {
      const edits = this.editsOf(channel, ts);
      return edits.length >= count ? edits : undefined;
    };
    return this.changes.waitFor(find, timeoutMs, `${count} edits of message ${ts}`);
  }

  /** Calls `listener` after every post, edit, removal and response_url post (the playground's live page); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
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

  private async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    form: string,
    delivery: SlashCommandDelivery,
    responseUrl: string,
  ): Promise<SlashCommandResult> {
    if (delivery.mode === 'socket') {
      const ack = await this.sockets.push(type, payload, delivery);
      return { status: 200, ack, responseUrl };
    }
    const answer = await deliverOverHttp(delivery, form);
    return { ...answer, responseUrl };
  }

  /** The message a click is on: one in the channel, or an ephemeral only the clicker sees. */
  private clickedMessage(click: ButtonClick): { target: ResponseTarget; message: PostedMessage | EphemeralMessage } {
    const { channelId: channel, messageTs: ts } = click;
    const posted = this.findMessage(channel, ts);
    if (posted) return { target: { kind: 'message', channel, ts }, message: posted };
    const ephemeral = this.ephemerals.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
    if (!ephemeral) throw new Error(`Slack sandbox: no message ${ts} in ${channel} to click a button on`);
    if (ephemeral.user !== click.userId) {
      throw new Error(`Slack sandbox: ${click.userId} cannot click on ephemeral message ${ts}: only ${ephemeral.user} sees it`);
    }
    return { target: { kind: 'ephemeral', channel, ts }, message: ephemeral };
  }

  private responseUrlOf(grant: ResponseUrlGrant): string {
    if (!this.baseUrl) throw new Error('Slack sandbox: the workspace does not know its URL yet (start it with startSandbox)');
    return `${this.baseUrl}/slack/response/${grant.id}`;
  }
}
