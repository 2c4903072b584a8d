import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { sandboxPorts, sessionConfig } from './sandbox-ports.js';

/** /deploy end to end: the compiled bot, the sandbox's Slack, ECR and Kubernetes with its rollout controller. */
export const RELEASES = 'C0RELEASES';
export const isCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks).includes('"approval:');
export const textOf = (m: PostedMessage) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

/** The healthy world with pods ready in 0.2 s, patched further. */
export function scenario(worldPatch: PatchOperation[] = []): Scenario {
  const healthy = loadScenario('healthy');
  return { ...healthy, world: applyPatch(healthy.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds: 0.2 } }, ...worldPatch]) };
}

/** The compiled bot in HTTP mode against a sandbox session, with the ways a /deploy test drives and reads them. */
export class DeployHarness {
  session!: SandboxSession;
  bot!: CompiledBot;
  /** Environment for the bot process (short leases, a shifted clock, …); kept across restarts. */
  env: Record<string, string> = {};

  async start(s: Scenario, env: Record<string, string> = {}): Promise<this> {
    this.env = env;
    this.session = await startSandboxSession(s);
    this.bot = await startCompiledBot(this.session, 'http', env);
    return this;
  }

  /** kill -9, then a new process on the same store (with `env` merged over the first one's). */
  async restart(env: Record<string, string> = {}): Promise<void> {
    this.bot.child.kill('SIGKILL');
    await this.bot.stop();
    this.env = { ...this.env, ...env };
    this.bot = await startCompiledBot(this.session, 'http', this.env);
  }

  get slack() {
    return this.session.sandbox.state.slack;
  }

  delivery() {
    return { mode: 'http' as const, url: `http://127.0.0.1:${this.bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
  }

  command(text: string, command = '/deploy', userId = 'U0ALICE') {
    return this.slack.sendSlashCommand({ command, text, userId, channelId: RELEASES }, this.delivery());
  }

  async requestAndApprove(text: string): Promise<PostedMessage> {
    const before = this.slack.messages.filter(isCard).length;
    await this.command(text);
    const card = await this.slack.waitForMessage((m) => isCard(m) && this.slack.messages.filter(isCard).length > before && m === this.slack.messages.filter(isCard).at(-1), 15_000);
    await this.slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, this.delivery());
    return card;
  }

  thread(card: PostedMessage): PostedMessage[] {
    return this.slack.messages.filter((m) => m.threadTs === card.ts);
  }

  waitInThread(card: PostedMessage, pattern: RegExp, timeoutMs = 30_000) {
    return this.slack.waitForMessage((m) => m.threadTs === card.ts && pattern.test(textOf(m)), timeoutMs);
  }

  patches(): number {
    return this.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && c.operation.startsWith('PATCH')).length;
  }

  async image(environment = 'staging', deployment = 'backend'): Promise<string | undefined> {
    const config = sessionConfig(this.session);
    const ports = sandboxPorts(this.session, config, environment);
    const found = await ports.cluster.getDeployment(config.environments[environment]!.kubernetes.namespace, deployment);
    return found?.spec.template.spec.containers[0]?.image;
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
    await this.session?.close();
  }
}

