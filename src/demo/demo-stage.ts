import type { SandboxSession } from '../sandbox/sandbox-session.js';
import type { PostedMessage } from '../sandbox/slack/slack-log.js';
import type { SlashCommandResult } from '../sandbox/slack/slack-workspace.js';

/** What each act of the demo works with: the sandbox (its Slack, its world) and the terminal. */
export interface DemoStage {
  session: SandboxSession;
  /** Narration, fitted to the terminal's width. */
  say(text: string): void;
  /** A message the bot posted (or an ack's content), drawn as a card. */
  show(message: { text?: string; blocks?: unknown[] }): void;
}

export const RELEASES = 'C0RELEASES';
export const NAMESPACE = 'shop-staging';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
const SOCKET = { mode: 'socket' } as const;

export const textOf = (m: PostedMessage) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
export const isApprovalCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks ?? []).includes('"approval:');

/** alice (or whoever is named) types a slash command in #releases. */
export function command(stage: DemoStage, name: string, text: string, userId = ALICE): Promise<SlashCommandResult> {
  return stage.session.sandbox.state.slack.sendSlashCommand({ command: name, text, userId, channelId: RELEASES }, SOCKET);
}

/** alice asks; the approval card that follows (newer than any card before). */
export async function askForApproval(stage: DemoStage, name: string, text: string): Promise<PostedMessage> {
  const slack = stage.session.sandbox.state.slack;
  const seen = new Set(slack.messages.filter(isApprovalCard).map((m) => m.ts));
  await command(stage, name, text);
  return slack.waitForMessage((m) => isApprovalCard(m) && !seen.has(m.ts), 20_000);
}

/** bob, a second person, clicks Approve on the card. */
export async function approve(stage: DemoStage, card: PostedMessage): Promise<void> {
  await stage.session.sandbox.state.slack.clickButton({ userId: BOB, channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, SOCKET);
}

/** The message with this ts as it reads now. */
export function current(stage: DemoStage, message: PostedMessage): PostedMessage {
  return stage.session.sandbox.state.slack.messages.find((m) => m.ts === message.ts) ?? message;
}

export function waitInThread(stage: DemoStage, card: PostedMessage, pattern: RegExp, timeoutMs = 60_000): Promise<PostedMessage> {
  return stage.session.sandbox.state.slack.waitForMessage((m) => m.threadTs === card.ts && pattern.test(textOf(m)), timeoutMs);
}

export function thread(stage: DemoStage, card: PostedMessage): PostedMessage[] {
  return stage.session.sandbox.state.slack.messages.filter((m) => m.threadTs === card.ts);
}

/** The image a Deployment of staging runs, as its pod template names it. */
export function deployedImage(stage: DemoStage, deployment: string): string {
  const found = stage.session.sandbox.state.world.kubernetes.namespaces[NAMESPACE]?.deployments.find(
    (d) => (d as { metadata?: { name?: string } }).metadata?.name === deployment,
  ) as { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } | undefined;
  return found?.spec?.template?.spec?.containers?.[0]?.image ?? '';
}

/** What a command's ack said, for the one person who typed it. */
export function ackContent(ack: unknown): { text?: string; blocks?: unknown[] } {
  return typeof ack === 'string' ? { text: ack } : ((ack as { text?: string; blocks?: unknown[] } | undefined) ?? { text: '(no answer)' });
}
