import type { App } from '@slack/bolt';
import { createDirectory } from '../adapters/slack/directory-adapter.js';
import { explainLimit } from '../domain/builds/explain-limit.js';
import { WebClient } from '@slack/web-api';
import type { ShipmateConfig } from '../config/schema.js';
import type { BuildDeps } from '../domain/builds/build-deps.js';
import { BuildTracker } from '../domain/builds/build-tracker.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../ports/clock.port.js';
import type { StorePort } from '../ports/store.port.js';
import type { BotDeps } from './bot-deps.js';
import { createSlackApp } from './create-slack-app.js';
import { startExpirySweeper } from './expiry-sweeper.js';
import { registerListeners } from './register-listeners.js';
import { slackBuildSink } from './slack-build-sink.js';
import type { SlackConnection } from './slack-secrets.js';

export interface BotOptions {
  config: ShipmateConfig;
  connection: SlackConnection;
  port: number;
  slackApiUrl?: string;
  logger: Logger;
  store: StorePort;
  createPorts(config: ShipmateConfig, environment: string): ReadinessPorts;
  clock?: Clock;
  /** How often running builds are looked up (default 5 s). */
  buildPollMs?: number;
}

export interface RunningBot {
  app: App;
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 30_000;
const MIN_EDIT_INTERVAL_MS = 3_000;
/** Approved requests older than this whose builds never started are left alone: starting them now would surprise people. */
const RESUME_APPROVED_WITHIN_MS = 60 * 60_000;

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, connection, port, logger, store } = options;
  const clock = options.clock ?? systemClock;
  const ports = new Map<string, ReadinessPorts>();
  const portsFor = (environment: string) => {
    let found = ports.get(environment);
    if (!found) {
      found = options.createPorts(config, environment);
      ports.set(environment, found);
    }
    return found;
  };
  await store.migrate();
  const app = createSlackApp({ connection, port, logger, ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}) });
  const builds: BuildDeps = {
    store,
    clock,
    codebuildFor: (environment) => portsFor(environment).codebuild,
    ecrFor: (environment) => portsFor(environment).ecr,
    explainLimit: (environment, project, message) =>
      explainLimit(portsFor(environment), project, message, config.environments[environment]?.aws.region),
    sink: slackBuildSink(() => app.client, store, clock),
    log: (message, error) => logger.error(message, error ?? ''),
  };
  const tracker = new BuildTracker(builds, { pollMs: options.buildPollMs ?? 5_000, minEditIntervalMs: MIN_EDIT_INTERVAL_MS });
  const deps: BotDeps = {
    config,
    store,
    clock,
    // Its own client with few retries: a group lookup inside a click must not wait out Slack's default half hour of retries.
    directory: createDirectory(
      new WebClient(connection.botToken, { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 2 } }),
    ),
    portsFor,
    builds,
    beginBuilds: (request, payload) => tracker.begin(request, payload),
    pokeTracker: () => tracker.poke(),
    logger,
  };
  registerListeners(app, deps);
  await app.start(port);
  tracker.start();
  const restarted = await tracker.resumeApproved(new Date(clock.now().getTime() - RESUME_APPROVED_WITHIN_MS));
  const sweeper = startExpirySweeper(app.client, deps, SWEEP_EVERY_MS);
  const resumed = (await store.listActiveRuns()).length;
  const where =
    connection.mode === 'socket'
      ? `shipmate is connected in Socket Mode; /healthz on port ${port}`
      : `shipmate is listening in HTTP mode on port ${port} (Slack requests at /slack/events)`;
  const resuming = [
    resumed ? `resuming ${resumed} build${resumed === 1 ? '' : 's'} in flight` : '',
    restarted ? `starting the builds of ${restarted} approved request${restarted === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  logger.info(resuming.length ? `${where} — ${resuming.join('; ')}` : where);

  return {
    app,
    stop: async () => {
      sweeper.stop();
      await tracker.stop();
      await app.stop();
      await store.close();
    },
  };
}
