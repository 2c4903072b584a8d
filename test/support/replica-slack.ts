import type { CompiledBot } from '../../scripts/run-compiled-bot.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';

/** What the e2e tests of several compiled replicas on one store share: the session, and Slack as the channel sees it. */
export const RELEASES = 'C0RELEASES';
export const isCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks).includes('"approval:');
export const textOf = (m: PostedMessage) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

/** The healthy world with fast builds and rollouts of `podReadySeconds` per pod, on the store at `storeUrl`. */
export function startReplicaSession(storeUrl: string, podReadySeconds: number, configPatch: PatchOperation[] = []): Promise<SandboxSession> {
  const healthy = loadScenario('healthy');
  return startSandboxSession({
    ...healthy,
    world: applyPatch(healthy.world, [
      { op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.1 } },
      { op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds } },
    ]),
    configPatch: [...healthy.configPatch, { op: 'add', path: '/store', value: { url: storeUrl } }, ...configPatch],
  });
}

/** Slack's requests to one replica's HTTP endpoint, signed. */
export const httpDelivery = (bot: CompiledBot) => ({ mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET });

/** `command text` from U0ALICE through `bot`; resolves with the approval card it posted. */
export async function newCard(session: SandboxSession, bot: CompiledBot, command: string, text: string): Promise<PostedMessage> {
  const slack = session.sandbox.state.slack;
  const cards = () => slack.messages.filter(isCard);
  const before = cards().length;
  await slack.sendSlashCommand({ command, text, userId: 'U0ALICE', channelId: RELEASES }, httpDelivery(bot));
  return slack.waitForMessage((m) => isCard(m) && cards().length > before && m === cards().at(-1), 15_000);
}

/** The first reply in the card's thread matching `pattern`. */
export function inThread(session: SandboxSession, card: PostedMessage, pattern: RegExp, timeoutMs: number): Promise<PostedMessage> {
  return session.sandbox.state.slack.waitForMessage((m) => m.threadTs === card.ts && pattern.test(textOf(m)), timeoutMs);
}

/** Replies in the card's thread matching `pattern`, so far. */
export function repliesMatching(session: SandboxSession, card: PostedMessage, pattern: RegExp): PostedMessage[] {
  return session.sandbox.state.slack.messages.filter((m) => m.threadTs === card.ts && pattern.test(textOf(m)));
}

/** Kubernetes PATCH calls the sandbox received. */
export const patchesIn = (session: SandboxSession) => session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && c.operation.startsWith('PATCH')).length;
