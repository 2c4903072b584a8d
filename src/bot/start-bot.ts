import type { App } from '@slack/bolt';
import { createDirectory } from '../adapters/slack/directory-adapter.js';
import { explainLimit } from '../domain/builds/explain-limit.js';
import { WebClient } from '@slack/web-api';
import { readFileSync } from 'node:fs';
import { createHttpClient } from '../adapters/http/http-client-adapter.js';
import { requestRollback } from '../app/deploys/request-rollback.js';
import { continueDeploy, runDeploy, type DeployDeps } from '../app/deploys/run-deploy.js';
import { runVerifyFor } from '../app/verify/run-verify-for.js';
import type { ApprovalRequest } from '../ports/store.port.js';
import { slackDeployNotifier } from './slack-deploy-notifier.js';
import type { DigestDeps } from '../app/digests/digests.js';
import { registerAppHome } from './listeners/app-home-listener.js';
import { slackDigestPublisher, startDigests } from './start-digests.js';
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
  /** The longest a rollout is followed (default 15 min). */
  rolloutTimeoutMs?: number;
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
  const http = createHttpClient(config.http.caFile ? { ca: readFileSync(config.http.caFile, 'utf8') } : {});
  const requestDeps = { config, store, clock, directory: createDirectory(
      new WebClient(connection.botToken, { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 2 } }),
    ), portsFor };
  const notifier = slackDeployNotifier(() => app.client, store);
  const deployDeps: DeployDeps = {
    store,
    clock,
    portsFor,
    notifier,
    rolloutTimeoutMs: options.rolloutTimeoutMs ?? 15 * 60_000,
    log: (message, error) => logger.error(message, error ?? ''),
    verify: async (request) => {
      if ((config.environments[request.environment]?.smokeTests ?? []).length === 0) return true;
      const run = await runVerifyFor(config, request.environment, http, clock);
      const passed = run.results.every((r) => r.outcome === 'pass');
      const rollback = passed ? undefined : await requestRollback(request, requestDeps);
      await notifier.verified(request, run, rollback);
      await store.appendAudit({ at: clock.now(), actor: 'shipmate', action: passed ? 'verify.passed' : 'verify.failed', environment: request.environment, subject: request.id, detail: `${run.results.filter((r) => r.outcome === 'pass').length}/${run.results.length} smoke tests passed` });
      return passed;
    },
  };
  const inFlight = new Set<Promise<void>>();
  const beginDeploy = (request: ApprovalRequest) => {
    const running = runDeploy(request, deployDeps).finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const digests: DigestDeps = { config, store, clock, portsFor, publish: slackDigestPublisher(() => app.client) };
  const deps: BotDeps = {
    config,
    store,
    clock,
    // Its own client with few retries: a group lookup inside a click must not wait out Slack's default half hour of retries.
    directory: requestDeps.directory,
    portsFor,
    http,
    digests,
    beginDeploy,
    builds,
    beginBuilds: (request, payload) => tracker.begin(request, payload),
    pokeTracker: () => tracker.poke(),
    logger,
  };
  registerListeners(app, deps);
  registerAppHome(app, deps);
  await app.start(port);
  tracker.start();
  const restarted = await tracker.resumeApproved(new Date(clock.now().getTime() - RESUME_APPROVED_WITHIN_MS));
  const sweeper = startExpirySweeper(app.client, deps, SWEEP_EVERY_MS);
  const digestJobs = startDigests(digests, logger);
  const active = await store.listActiveRuns();
  for (const run of active.filter((r) => r.kind === 'deploy')) {
    const request = await store.getRequest(run.requestId);
    if (!request) continue;
    const resuming = continueDeploy(request, run, deployDeps).finally(() => inFlight.delete(resuming));
    inFlight.add(resuming);
  }
  const resumed = active.length;
  const where =
    connection.mode === 'socket'
      ? `shipmate is connected in Socket Mode; /healthz on port ${port}`
      : `shipmate is listening in HTTP mode on port ${port} (Slack requests at /slack/events)`;
  const resuming = [
    resumed ? `resuming ${resumed} run${resumed === 1 ? '' : 's'} in flight` : '',
    restarted ? `starting the builds of ${restarted} approved request${restarted === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  logger.info(resuming.length ? `${where} — ${resuming.join('; ')}` : where);

  return {
    app,
    stop: async () => {
      sweeper.stop();
      await digestJobs.stop();
      await tracker.stop();
      // Deploys in flight are in the store; the next process resumes them.
      await app.stop();
      await store.close();
    },
  };
}
