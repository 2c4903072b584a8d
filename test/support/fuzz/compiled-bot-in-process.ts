import { freePort } from '../../../scripts/run-compiled-bot.js';
import type { SandboxSession } from '../../../src/sandbox/sandbox-session.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../../src/sandbox/sandbox-credentials.js';
import { blockActionsPayload } from '../../../src/sandbox/slack/block-actions-payload.js';
import { SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_SIGNING_SECRET } from '../../../src/sandbox/slack/sandbox-slack-secrets.js';
import { slashCommandPayload } from '../../../src/sandbox/slack/slash-command-payload.js';
import type { RecordedCall } from '../../../src/sandbox/sandbox-state.js';
import { compiledModule } from './compiled-module.js';

type StartBotModule = typeof import('../../../src/bot/start-bot.js');
type RunningBot = Awaited<ReturnType<StartBotModule['startBot']>>;
type Logger = import('../../../src/logging/logger.js').Logger;
type MetricsPort = import('../../../src/ports/metrics.port.js').MetricsPort;

/** What one command or click did: its acks, what went back through Slack, the backend calls made meanwhile, any error out of Bolt. */
export interface Exchange {
  acks: unknown[];
  /** Posts to response_url, ephemerals and channel messages made while it ran. */
  replies: unknown[];
  /** AWS, Kubernetes and smoke-test (HTTP) calls the sandbox answered while it ran. */
  backendCalls: RecordedCall[];
  /** What processEvent rejected with: an error no listener caught. */
  escaped?: unknown;
  /** Outcomes the bot counted (commandHandled, approvalDecided). */
  outcomes: string[];
  /** Error and warning lines the bot logged while it ran. */
  logged: string[];
  /** Its listeners had not finished after HANG_MS (what the sandbox saw so far is reported; the run should stop). */
  hung?: true;
}

/** Far beyond anything one input needs (a readiness run takes well under a second here): a listener still running then is stuck. */
const HANG_MS = 30_000;

/**
 * The compiled bot (dist/src/bot/start-bot.js, composed as dist/src/main.js
 * composes it, with the real adapters pointed at the sandbox) in this
 * process, driven through its Bolt App's processEvent: the path a receiver
 * takes once a request is verified, with an ack that records what it was
 * given. One input at a time: processEvent resolves when every listener has
 * finished, so what the sandbox saw meanwhile belongs to that input.
 */
export class CompiledBotInProcess {
  private bot!: RunningBot;
  private readonly logged: string[] = [];
  private readonly outcomes: string[] = [];

  constructor(private readonly session: SandboxSession) {}

  async start(): Promise<this> {
    const { startBot } = await compiledModule<StartBotModule>('src/bot/start-bot.js');
    const { loadConfig } = await compiledModule<typeof import('../../../src/config/load-config.js')>('src/config/load-config.js');
    const { createStore } = await compiledModule<typeof import('../../../src/adapters/store/create-store.js')>('src/adapters/store/create-store.js');
    const ports = await compiledAdapters();
    const session = this.session;
    const config = loadConfig(session.configPath, session.env);
    this.bot = await startBot({
      config,
      connection: { mode: 'http', botToken: SANDBOX_SLACK_BOT_TOKEN, signingSecret: SANDBOX_SLACK_SIGNING_SECRET },
      port: await freePort(),
      slackApiUrl: `${session.sandbox.url}/slack/api/`,
      logger: this.logger(),
      store: createStore(config.store.url),
      metrics: { port: this.metrics(), render: async () => ({ contentType: 'text/plain', body: '' }) },
      createPorts: (c, environment) => {
        const env = c.environments[environment]!;
        const aws = { region: env.aws.region, endpoint: session.sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS };
        return {
          codebuild: ports.createCodeBuildPort(aws),
          ecr: ports.createEcrPort(aws),
          quotas: ports.createQuotasPort(aws),
          cluster: ports.createClusterPort({ kubeconfigPath: session.kubeconfigPath, context: env.kubernetes.context! }),
          rollouts: ports.createArgoRolloutsPort({ kubeconfigPath: session.kubeconfigPath, context: env.kubernetes.context! }),
          http: ports.createHttpProbe({ ca: session.sandbox.caCertificate }),
          ecs: ports.createEcsPort(aws),
          secrets: ports.createSecretsPort(aws),
        };
      },
    });
    return this;
  }

  stop(): Promise<void> {
    return this.bot.stop();
  }

  /** `/command text` typed by `userId` in `channelId`, as Slack sends it. */
  command(command: string, text: string, userId: string, channelId: string): Promise<Exchange> {
    const slack = this.session.sandbox.state.slack;
    const responseUrl = slack.createResponseUrl(channelId, userId);
    return this.exchange(slashCommandPayload(slack.world, { command, text, userId, channelId }, responseUrl));
  }

  /**
   * A click on a button `actionId` carrying `value`, on the message `messageTs` (a card, or one that is not there),
   * or `fromHome` on the App Home tab (no channel message, no response_url: answers go to the app's DM).
   */
  click(actionId: string, value: string, userId: string, channelId: string, messageTs: string, fromHome = false): Promise<Exchange> {
    const slack = this.session.sandbox.state.slack;
    const responseUrl = slack.createResponseUrl(channelId, userId);
    const body = blockActionsPayload({
      world: slack.world,
      userId,
      channelId,
      messageTs,
      clicked: { blockId: 'approval', button: { type: 'button', action_id: actionId, text: { type: 'plain_text', text: actionId }, value } },
      responseUrl,
      actionTs: `${Math.floor(Date.now() / 1000)}.000100`,
    });
    if (!fromHome) return this.exchange(body);
    const { response_url: _none, channel: _nowhere, ...home } = body;
    return this.exchange({ ...home, container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } });
  }

  private async exchange(body: Record<string, unknown>): Promise<Exchange> {
    const { state } = this.session.sandbox;
    const slack = state.slack;
    const before = { calls: state.calls.length, responses: slack.responses.length, ephemerals: slack.ephemerals.length, messages: slack.messages.length };
    const marks = { logged: this.logged.length, outcomes: this.outcomes.length };
    const acks: unknown[] = [];
    let escaped: unknown;
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HANG_MS)));
    let hung = false;
    try {
      const done = this.bot.app.processEvent({ body, ack: async (response?: unknown) => void acks.push(response ?? null) });
      hung = (await Promise.race([done, stuck])) === 'hung';
    } catch (error) {
      escaped = error ?? new Error('processEvent rejected with nothing');
    } finally {
      clearTimeout(timer);
    }
    return {
      acks,
      replies: [
        ...slack.responses.slice(before.responses).map((r) => [r.text, r.blocks]),
        ...slack.ephemerals.slice(before.ephemerals).map((m) => [m.text, m.blocks]),
        ...slack.messages.slice(before.messages).map((m) => [m.text, m.blocks]),
      ],
      backendCalls: state.calls.slice(before.calls).filter((c) => c.system !== 'slack'),
      ...(escaped !== undefined ? { escaped } : {}),
      outcomes: this.outcomes.slice(marks.outcomes),
      logged: this.logged.slice(marks.logged),
      ...(hung ? { hung: true as const } : {}),
    };
  }

  private logger(): Logger {
    let level = 'info';
    const keep = (kind: string) => (...parts: unknown[]) => void this.logged.push(`${kind}: ${parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : String(p))).join(' ')}`);
    return { debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error'), setLevel: (l) => void (level = l), getLevel: () => level, setName: () => undefined };
  }

  private metrics(): MetricsPort {
    return {
      commandHandled: (name, outcome) => void this.outcomes.push(`${name}:${outcome}`),
      approvalDecided: (action, decision) => void this.outcomes.push(`${action}:${decision}`),
      buildFinished: () => undefined,
      rolloutFinished: () => undefined,
      checkRan: () => undefined,
      slackApiError: () => undefined,
    };
  }
}

async function compiledAdapters() {
  const [codebuild, ecr, quotas, cluster, rollouts, http, ecs, secrets] = await Promise.all([
    compiledModule<typeof import('../../../src/adapters/aws/codebuild-adapter.js')>('src/adapters/aws/codebuild-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/aws/ecr-adapter.js')>('src/adapters/aws/ecr-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/aws/quotas-adapter.js')>('src/adapters/aws/quotas-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/kube/cluster-adapter.js')>('src/adapters/kube/cluster-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/kube/argo-rollouts-adapter.js')>('src/adapters/kube/argo-rollouts-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/http/http-probe-adapter.js')>('src/adapters/http/http-probe-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/aws/ecs-adapter.js')>('src/adapters/aws/ecs-adapter.js'),
    compiledModule<typeof import('../../../src/adapters/aws/secrets-adapter.js')>('src/adapters/aws/secrets-adapter.js'),
  ]);
  return { ...codebuild, ...ecr, ...quotas, ...cluster, ...rollouts, ...http, ...ecs, ...secrets };
}
