import { applyPatch } from '../../src/sandbox/json-patch.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { DeployHarness, RELEASES, textOf } from './deploy-harness.js';
import { sandboxPorts, sessionConfig } from './sandbox-ports.js';

/** A canary world (scenarios/canary*.yml) with pods ready in 0.2 s and measurements every 0.2 s. */
export function canaryScenario(name: 'canary' | 'canary-analysis-step2' | 'canary-analysis-failing' | 'canary-crash' = 'canary'): Scenario {
  const loaded = loadScenario(name);
  const behaviour = loaded.world.kubernetes.behaviour;
  return { ...loaded, world: applyPatch(loaded.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { ...behaviour, podReadySeconds: 0.2 } }]) };
}

/** /deploy of an Argo Rollout on the compiled bot: the card, its thread, the Promote / Abort cards in it. */
export class CanaryHarness extends DeployHarness {
  /** The Promote / Abort card of the pause at `step` (1-based) in the deploy's thread. */
  promoteCard(card: PostedMessage, step: number, timeoutMs = 30_000): Promise<PostedMessage> {
    const block = new RegExp(`"approval:[a-z0-9-]+-s${step}"`);
    return this.slack.waitForMessage((m) => m.threadTs === card.ts && block.test(JSON.stringify(m.blocks ?? [])), timeoutMs);
  }

  /** A click on a Promote / Abort card, as `userId`. */
  click(promote: PostedMessage, actionId: 'approve' | 'reject', userId: string) {
    return this.slack.clickButton({ userId, channelId: RELEASES, messageTs: promote.ts, actionId }, this.delivery());
  }

  /** The card as Slack shows it now (its latest edit). */
  current(message: PostedMessage): string {
    return textOf(this.slack.messages.find((m) => m.ts === message.ts) ?? message);
  }

  /** The thread, the Rollout's status and the bot's last output: what a failed wait is explained with. */
  async diagnose(card: PostedMessage): Promise<string> {
    const thread = this.thread(card).map((m) => (m.text ?? '').slice(0, 200)).join('\n');
    const status = JSON.stringify((await this.rollout().catch(() => undefined))?.status);
    return `thread:\n${thread}\nrollout status: ${status}\nbot output (last 3,000 characters):\n${this.bot.output().slice(-3000)}`;
  }

  /** Waits for a thread line; a timeout says what the thread, the Rollout and the bot showed. */
  async expectInThread(card: PostedMessage, pattern: RegExp, timeoutMs = 30_000): Promise<PostedMessage> {
    try {
      return await this.waitInThread(card, pattern, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message} (waiting for ${pattern})\n${await this.diagnose(card)}`);
    }
  }

  async rollout(name = 'checkout', environment = 'staging') {
    const config = sessionConfig(this.session);
    const ports = sandboxPorts(this.session, config, environment);
    return ports.rollouts.getRollout(config.environments[environment]!.kubernetes.namespace, name);
  }

  async rolloutImage(name = 'checkout', environment = 'staging'): Promise<string | undefined> {
    return (await this.rollout(name, environment))?.spec.template.spec.containers[0]?.image;
  }
}
