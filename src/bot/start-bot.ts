import type { App } from '@slack/bolt';
import { createDirectory } from '../adapters/slack/directory-adapter.js';
import { explainLimit } from '../domain/builds/explain-limit.js';
import { WebClient } from '@slack/web-api';
import { readFileSync } from 'node:fs';
import { createHttpClient } from '../adapters/http/http-client-adapter.js';
import { requestRollback } from '../app/deploys/request-rollback.js';
import type { DeployDeps } from '../app/deploys/run-deploy.js';
import { DeployRunner } from '../app/deploys/deploy-runner.js';
import { ReleaseRunner } from '../app/releases/release-runner.js';
import type { ReleaseDeps } from '../app/releases/release-deps.js';
import type { ReleasePorts } from '../domain/releases/release-ports.js';
import type { DatabaseSnapshotsPort } from '../ports/database-snapshots.port.js';
import { createLazyDatabaseSnapshotsPort } from '../adapters/create-database-snapshots-port.js';
import { noMetrics, type MetricsPort } from '../ports/metrics.port.js';
import { trackInFlight } from './in-flight.js';
import { countSlackErrors } from '../adapters/slack/count-slack-errors.js';
import { opsRoutes } from './ops-routes.js';
import { readinessChecks } from './readiness-checks.js';
import { runVerifyFor, verifyPassed } from '../app/verify/run-verify-for.js';
import { deployGuardsFrom } from '../app/guards/deploy-guards.js';
import { createPrometheusAdapter } from '../adapters/prometheus/prometheus-adapter.js';
import { slackCanaryNotifier, slackDeployNotifier } from './slack-deploy-notifier.js';
import { CanaryGates } from '../app/deploys/canary-gate.js';
import { OutboxDelivery } from '../app/outbox/outbox-delivery.js';
import { slackOutboxSender } from './outbox/slack-outbox-sender.js';
import { chatOutbox } from './outbox/chat-outbox.js';
import { sweepApproved } from '../app/approved-sweep.js';
import { gatesFor } from '../app/request-gates.js';
import { renderNote } from '../adapters/slack/render/note.js';
import type { BuildPayload } from '../domain/builds/build-payload.js';
import type { DigestDeps } from '../app/digests/digests.js';
import { registerAppHome } from './listeners/app-home-listener.js';
import { slackDigestPublisher } from './start-digests.js';
import { leaderDuties } from './leader-duties.js';
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
  /** OPS_PORT: /healthz, /readyz and /metrics on a port of their own (not on `port`). */
  opsPort?: number;
  slackApiUrl?: string;
  logger: Logger;
  store: StorePort;
  createPorts(config: ShipmateConfig, environment: string): ReadinessPorts;
  /** RDS snapshots of releases (default: the RDS adapter in the environment's region, loaded on first use). */
  createSnapshotsPort?(config: ShipmateConfig, environment: string): DatabaseSnapshotsPort;
  clock?: Clock;
  /** How often running builds are looked up (default 5 s). */
  buildPollMs?: number;
  /** The longest one Slack call of the outbox may take (default 10 s). */
  slackCallTimeoutMs?: number;
  /** How often a release's RDS snapshot is looked at (default 5 s). */
  snapshotPollMs?: number;
  /** The longest a rollout is followed (default 15 min). */
  rolloutTimeoutMs?: number;
  /** How often a paused canary's Promote / Abort is read for a click taken on another replica. */
  promotePollMs?: number;
  /** Counters and timings, and their text for /metrics. */
  metrics?: { port: MetricsPort; render(): Promise<{ contentType: string; body: string }> };
  /** Leader lease: taken over this long after the leader stops renewing (default 15 s), renewed or tried every `leaseRenewMs` (default 5 s). */
  leaseTtlMs?: number;
  leaseRenewMs?: number;
}

export interface RunningBot {
  app: App;
  /** Stops taking work, lets running handlers finish, hands builds and rollouts over through the store, releases the leader lease. */
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 30_000;
const MIN_EDIT_INTERVAL_MS = 3_000;
/** How often the leader looks for deploys approved on another replica. */
const DEPLOY_POLL_MS = 1_000;
/** A click on another replica reaches the canary it promotes within this long (a click here, at once). */
const PROMOTE_POLL_MS = 1_000;
/** Handlers still running at shutdown get this long (Kubernetes allows 30 s before SIGKILL; we aim to exit within 10). */
const DRAIN_MS = 5_000;

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, connection, port, logger, store } = options;
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics?.port ?? noMetrics;
  const ports = new Map<string, ReleasePorts>();
  const createSnapshots =
    options.createSnapshotsPort ?? ((c: ShipmateConfig, environment: string) => createLazyDatabaseSnapshotsPort({ region: c.environments[environment]!.aws.region }));
  const portsFor = (environment: string): ReleasePorts => {
    let found = ports.get(environment);
    if (!found) {
      found = {
        ...options.createPorts(config, environment),
        snapshots: createSnapshots(config, environment),
        observe: (r) => metrics.checkRan(r.id, r.status, r.durationMs / 1000),
      };
      ports.set(environment, found);
    }
    return found;
  };
  await store.migrate();
  let stopping = false;
  const slackFetch = countSlackErrors(metrics);
  const slack = createSlackApp({
    connection,
    port,
    ...(options.opsPort !== undefined ? { opsPort: options.opsPort } : {}),
    signatures: store,
    clock,
    logger,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    fetch: slackFetch,
    routes: opsRoutes({
      readiness: () => readiness(),
      metrics: () => options.metrics?.render() ?? Promise.resolve({ contentType: 'text/plain', body: '' }),
    }),
  });
  const { app } = slack;
  const inFlight = trackInFlight(app);
  // Every message about a build or deploy goes through the store's outbox; the leader delivers it (SPEC §13).
  const delivery = new OutboxDelivery(
    store,
    clock,
    slackOutboxSender({ botToken: connection.botToken, fetch: slackFetch, ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), timeoutMs: options.slackCallTimeoutMs ?? 10_000 }),
    {
      resolveKey: async (key) => (key.startsWith('card:') ? (await store.getRequest(key.slice('card:'.length)))?.messageTs : undefined),
      log: (message, error) => (error ? logger.error(message, error) : logger.warn(message)),
    },
  );
  const outbox = chatOutbox(store, clock, () => delivery.poke());
  const builds: BuildDeps = {
    store,
    clock,
    codebuildFor: (environment) => portsFor(environment).codebuild,
    ecrFor: (environment) => portsFor(environment).ecr,
    explainLimit: (environment, project, message) =>
      explainLimit(portsFor(environment), project, message, config.environments[environment]?.aws.region),
    sink: slackBuildSink(outbox, store, clock),
    log: (message, error) => logger.error(message, error ?? ''),
    metrics,
    startWithinMs: config.policy.startWithinMinutes * 60_000,
  };
  const tracker = new BuildTracker(builds, { pollMs: options.buildPollMs ?? 5_000, minEditIntervalMs: MIN_EDIT_INTERVAL_MS });
  const http = createHttpClient(config.http.caFile ? { ca: readFileSync(config.http.caFile, 'utf8') } : {});
  const requestDeps = { config, store, clock, directory: createDirectory(
      new WebClient(connection.botToken, { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), fetch: slackFetch, retryConfig: { retries: 2 } }),
    ), portsFor };
  const notifier = slackDeployNotifier(outbox, store);
  const guards = deployGuardsFrom(config, (url) => createPrometheusAdapter({ url }));
  const canaries = new CanaryGates({
    store,
    clock,
    config,
    notifier: slackCanaryNotifier(outbox, notifier),
    log: (message, error) => logger.error(message, error ?? ''),
    pollMs: options.promotePollMs ?? PROMOTE_POLL_MS,
  });
  const deployDeps: DeployDeps = {
    store,
    clock,
    portsFor,
    notifier,
    rolloutTimeoutMs: options.rolloutTimeoutMs ?? 15 * 60_000,
    log: (message, error) => logger.error(message, error ?? ''),
    metrics,
    startWithinMs: config.policy.startWithinMinutes * 60_000,
    gateAtStart: async (request) => (await gatesFor(request, 'start', { config, store, clock, directory: requestDeps.directory })).refusal,
    hasSmokeTests: (environment) => (config.environments[environment]?.smokeTests ?? []).length > 0,
    guards,
    canaries,
    verify: async (request) => {
      const run = await runVerifyFor(config, request.environment, http, clock);
      const passed = verifyPassed(run);
      const rollback = passed ? undefined : await requestRollback(request, requestDeps);
      await notifier.verified(request, run, rollback);
      await store.appendAudit({ at: clock.now(), actor: 'shipmate', action: passed ? 'verify.passed' : 'verify.failed', environment: request.environment, subject: request.id, detail: `${run.results.filter((r) => r.outcome === 'pass').length}/${run.results.length} smoke tests passed` });
      return passed;
    },
  };
  const deploys = new DeployRunner(deployDeps, { pollMs: DEPLOY_POLL_MS });
  const releaseDeps: ReleaseDeps = {
    config,
    store,
    clock,
    portsFor,
    notifier,
    http,
    log: deployDeps.log,
    startWithinMs: deployDeps.startWithinMs!,
    gateAtStart: deployDeps.gateAtStart!,
    rolloutTimeoutMs: deployDeps.rolloutTimeoutMs,
    buildPollMs: options.buildPollMs ?? 5_000,
    ...(options.snapshotPollMs !== undefined ? { snapshotPollMs: options.snapshotPollMs } : {}),
    checklistEditMs: MIN_EDIT_INTERVAL_MS,
    canaries,
    guards,
  };
  const releases = new ReleaseRunner(releaseDeps, { pollMs: DEPLOY_POLL_MS });
  const digests: DigestDeps = { config, store, clock, portsFor, publish: slackDigestPublisher(() => app.client) };
  const deps: BotDeps = {
    config,
    store,
    clock,
    // Its own client with few retries: a group lookup inside a click must not wait out Slack's default half hour of retries.
    directory: requestDeps.directory,
    portsFor,
    http,
    prometheusFor: guards.prometheusFor,
    digests,
    beginDeploy: (request) => deploys.begin(request),
    beginRelease: (request) => releases.begin(request),
    cardChanged: (request) => outbox.updateCard(request),
    promoteDecided: (request) => canaries.decided(request),
    builds,
    beginBuilds: (request, payload) => tracker.begin(request, payload),
    pokeTracker: () => tracker.poke(),
    logger,
    metrics,
  };
  registerListeners(app, deps);
  registerAppHome(app, deps);

  // Only the leader follows builds and rollouts and posts digests; every replica takes commands and clicks.
  const { election: leadership, stopLeading } = leaderDuties({
    store,
    clock,
    tracker,
    deploys,
    releases,
    delivery,
    digests,
    logger,
    leaseTtlMs: options.leaseTtlMs ?? 15_000,
    leaseRenewMs: options.leaseRenewMs ?? 5_000,
    sweepApproved: (scope) =>
      sweepApproved({
        ...(scope === 'recent' ? { since: new Date(clock.now().getTime() - 2 * config.policy.startWithinMinutes * 60_000) } : {}),
        store,
        clock,
        startWithinMs: config.policy.startWithinMinutes * 60_000,
        begin: (request) =>
          request.action === 'build'
            ? tracker.begin(request, request.payload as unknown as BuildPayload)
            : request.action === 'release'
              ? releases.begin(request)
              : deploys.begin(request),
        tellNotStarted: async (request, reason) => {
          await outbox.updateCard(request, `:no_entry: Not started: ${reason}`);
          await outbox.reply(request, renderNote(`:no_entry: Not started: ${reason}`), { broadcast: true });
        },
        log: (message, error) => logger.error(message, error ?? ''),
      }),
    sweepEveryMs: SWEEP_EVERY_MS,
    stopping: () => stopping,
  });
  const readiness = readinessChecks({ store, slackConnected: () => slack.connected(), stopping: () => stopping, logger });

  await app.start(port);
  const sweeper = startExpirySweeper(deps, SWEEP_EVERY_MS);
  await leadership.start();
  logger.info(
    connection.mode === 'socket'
      ? `shipmate is connected in Socket Mode; /healthz, /readyz and /metrics on port ${options.opsPort ?? port}`
      : `shipmate is listening in HTTP mode on port ${port} (Slack requests at /slack/events; /healthz, /readyz, /metrics on port ${options.opsPort ?? port})`,
  );

  return {
    app,
    stop: async () => {
      stopping = true;
      sweeper.stop();
      // No new commands or clicks; those already running finish (their acks went out first).
      await app.stop();
      if (!(await inFlight.drain(DRAIN_MS))) logger.warn(`stopping with ${inFlight.count} handler(s) still running`);
      // Builds and rollouts are in the store: the next leader (another replica, or this one restarted) follows them.
      await stopLeading();
      await leadership.stop();
      await store.close();
    },
  };
}
