import { startCompiledBot, type CompiledBot } from '../../demo/compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../sandbox/sandbox-session.js';
import { loadScenario } from '../../sandbox/scenarios.js';
import { homeViewsOf } from '../../sandbox/slack/home-views.js';
import type { SlackWorkspace } from '../../sandbox/slack/slack-workspace.js';
import { PLAYGROUND_SCENARIOS, type PlaygroundScenarioId } from './playground-scenarios.js';

/** An answer a Slack client shows by itself, to one person only: Slackbot's, or the app's ack of a command. */
export interface ClientEphemeral {
  ts: string;
  user: string;
  author: 'slackbot' | 'bot';
  text: string;
  blocks?: unknown[];
  postedAt: number;
}

export type StartBot = (session: SandboxSession) => Promise<Pick<CompiledBot, 'stop'>>;

const startBotInSocketMode: StartBot = (session) => startCompiledBot(session, 'socket');

/**
 * The playground's world: a sandbox session of the picked scenario and the
 * compiled bot connected to it over Socket Mode, plus what the Slack client
 * itself shows (its ephemerals). A reset stops both and starts them afresh.
 */
export class PlaygroundWorld {
  status: 'connected' | 'resetting' | 'starting' = 'starting';
  scenario: PlaygroundScenarioId;
  readonly clientEphemerals: ClientEphemeral[] = [];
  private session?: SandboxSession;
  private bot?: Pick<CompiledBot, 'stop'>;
  private unsubscribe: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private sequence = 0;
  /** Resets run one after another: a second pick waits for the first world to be up. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    scenario: PlaygroundScenarioId,
    private readonly startBot: StartBot = startBotInSocketMode,
  ) {
    this.scenario = scenario;
  }

  /** The running Slack workspace; throws while none is up. */
  get slack(): SlackWorkspace {
    if (!this.session || this.status !== 'connected') throw new WorldNotReady();
    return this.session.sandbox.state.slack;
  }

  /** The workspace to draw, even while the bot starts (undefined between worlds). */
  get shownSlack(): SlackWorkspace | undefined {
    return this.session?.sandbox.state.slack;
  }

  start(): Promise<void> {
    return this.reset(this.scenario);
  }

  reset(scenario: PlaygroundScenarioId): Promise<void> {
    const run = this.queue.then(() => this.replaceWorld(scenario));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.stopCurrent();
  }

  /** Calls `listener` after every change of what the page shows; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addClientEphemeral(ephemeral: Omit<ClientEphemeral, 'ts' | 'postedAt'>): void {
    const now = Date.now();
    this.sequence += 1;
    // Slack's ts shape: seconds, then six digits.
    const ts = `${Math.floor(now / 1000)}.${String(((now % 1000) * 1000 + this.sequence) % 1_000_000).padStart(6, '0')}`;
    this.clientEphemerals.push({ ...ephemeral, ts, postedAt: now });
    this.notify();
  }

  private async replaceWorld(scenario: PlaygroundScenarioId): Promise<void> {
    this.status = this.session ? 'resetting' : 'starting';
    this.scenario = scenario;
    this.notify();
    await this.stopCurrent();
    this.clientEphemerals.length = 0;
    const file = PLAYGROUND_SCENARIOS.find((s) => s.id === scenario)!.scenario;
    const session = await startSandboxSession(loadScenario(file));
    this.session = session;
    try {
      this.bot = await this.startBot(session);
      await session.sandbox.state.slack.waitForSocket(15_000);
    } catch (error) {
      await this.stopCurrent();
      throw error;
    }
    const slack = session.sandbox.state.slack;
    this.unsubscribe = [slack.onChange(() => this.notify()), homeViewsOf(slack).onPublish(() => this.notify())];
    this.status = 'connected';
    this.notify();
  }

  private async stopCurrent(): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    const { bot, session } = this;
    this.bot = undefined;
    this.session = undefined;
    if (bot) await bot.stop();
    if (session) await session.close();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The world is between scenarios: the page's request is answered 503. */
export class WorldNotReady extends Error {
  constructor() {
    super('the playground is starting a scenario; try again in a moment');
  }
}
