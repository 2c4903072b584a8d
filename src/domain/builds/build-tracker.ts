import type { BuildSummary } from '../../ports/codebuild.port.js';
import type { ApprovalRequest, Run, RunStatus } from '../../ports/store.port.js';
import type { BuildDeps } from './build-deps.js';
import type { BuildPayload, PlannedServiceBuild } from './build-payload.js';
import { createRuns, startPending } from './start-builds.js';
import { buildProgress, FINISHED, progressKey, progressOfRun, type BuildProgress, type ServiceBuildProgress } from './build-progress.js';
import { checkImage } from './check-image.js';
import { EditThrottle } from './edit-throttle.js';

const OUTCOME: Record<string, RunStatus> = { succeeded: 'succeeded', failed: 'failed', refused: 'failed', stopped: 'stopped' };
const STATE_OF: Record<string, ServiceBuildProgress['state']> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  FAULT: 'failed',
  TIMED_OUT: 'failed',
  STOPPED: 'stopped',
  IN_PROGRESS: 'running',
};

/** How long a run may stay `starting` before another process takes it for abandoned. */
const LEFTOVER_AFTER_MS = 20_000;

export interface BuildTrackerOptions {
  /** How often CodeBuild is asked (one BatchGetBuilds for every build of an environment). */
  pollMs: number;
  /** At most one edit of a status message per this interval. */
  minEditIntervalMs: number;
}

/**
 * Follows every active build run in the store — the ones just started and the
 * ones a previous process left — until each has an outcome shown in Slack.
 * The store is the truth, so a restart resumes where the last process stopped.
 */
export class BuildTracker {
  private readonly throttle: EditThrottle;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Requests whose builds this process is starting right now; the poll leaves them to begin(). */
  private readonly beginning = new Set<string>();

  constructor(
    private readonly deps: BuildDeps,
    private readonly options: BuildTrackerOptions,
  ) {
    this.throttle = new EditThrottle(options.minEditIntervalMs);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * After the deciding approval: posts the status message first, so every run
   * is stored already knowing it (a crash can never leave a run without its
   * message), then starts the builds and looks at them at once.
   */
  async begin(request: ApprovalRequest, payload: BuildPayload): Promise<void> {
    this.beginning.add(request.id);
    try {
      // Runs first: whatever happens next, a restart finds them (and starts what is still `starting`).
      const runs = await createRuns(request, payload, { channelId: request.channelId }, this.deps);
      const services = payload.services.map((s) => ({ service: s.service, project: s.project, state: 'starting' as const }));
      const progress: BuildProgress = { requestId: request.id, environment: request.environment, version: payload.version, services, done: false };
      const { messageTs } = await this.deps.sink.show(progress, { channelId: request.channelId });
      this.throttle.edited(request.id, progressKey(progress), this.deps.clock.now().getTime());
      const withMessage = await Promise.all(runs.map((run) => this.remember(run, messageTs)));
      await startPending(request, payload, withMessage, this.deps);
    } finally {
      this.beginning.delete(request.id);
    }
    this.poke();
  }

  private async remember(run: Run, messageTs: string): Promise<Run> {
    const next = { ...run, channelId: run.channelId, messageTs, version: run.version + 1 };
    return (await this.deps.store.updateRun(next)) ? next : ((await this.deps.store.getRun(run.id)) ?? run);
  }

  /** Still `starting` well after begin() would have finished (here or on another replica): its process died. */
  private isLeftover(run: Run): boolean {
    return run.status === 'starting' && !this.beginning.has(run.requestId) && this.deps.clock.now().getTime() - run.startedAt.getTime() > LEFTOVER_AFTER_MS;
  }

  /** Runs a dead process created but never saw started: start them (startPending finds a build it did start, by token or run id). */
  private async startLeftovers(runs: Run[]): Promise<void> {
    const requestIds = [...new Set(runs.filter((r) => this.isLeftover(r)).map((r) => r.requestId))];
    for (const id of requestIds) {
      const request = await this.deps.store.getRequest(id);
      if (request) await startPending(request, request.payload as unknown as BuildPayload, runs.filter((r) => r.requestId === id), this.deps);
    }
  }

  /** Look now (new builds were started). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** One pass over every active build run; exposed for tests that drive time themselves. */
  async tick(): Promise<number> {
    let runs = (await this.deps.store.listActiveRuns()).filter((r) => r.kind === 'build');
    if (runs.some((r) => this.isLeftover(r))) {
      await this.startLeftovers(runs);
      runs = (await this.deps.store.listActiveRuns()).filter((r) => r.kind === 'build');
    }
    const updated = await this.refresh(runs.filter((r) => !this.beginning.has(r.requestId)));
    const byRequest = new Map<string, Run[]>();
    for (const run of updated) byRequest.set(run.requestId, [...(byRequest.get(run.requestId) ?? []), run]);
    let waitMs = this.options.pollMs;
    for (const [requestId, requestRuns] of byRequest) {
      waitMs = Math.min(waitMs, await this.publish(requestId, requestRuns));
    }
    return byRequest.size === 0 ? this.options.pollMs : Math.max(50, waitMs);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => {
          this.deps.log('build tracking failed; trying again', error);
          return this.options.pollMs;
        })
        .then((next) => {
          this.running = undefined;
          if (!this.stopped) this.schedule(next);
        });
    }, ms);
  }

  /** Asks CodeBuild about every running build, one call per environment, and stores what changed. */
  private async refresh(runs: Run[]): Promise<Run[]> {
    const environments = [...new Set(runs.map((r) => r.environment))];
    const builds = new Map<string, BuildSummary>();
    await Promise.all(
      environments.map(async (environment) => {
        const ids = runs.filter((r) => r.environment === environment && r.externalId && !FINISHED.has(progressOfRun(r).state)).map((r) => r.externalId!);
        if (ids.length === 0) return;
        for (const build of await this.deps.codebuildFor(environment).getBuilds(ids)) builds.set(build.id, build);
      }),
    );
    return Promise.all(runs.map((run) => this.apply(run, run.externalId ? builds.get(run.externalId) : undefined)));
  }

  private async apply(run: Run, build: BuildSummary | undefined): Promise<Run> {
    const before = progressOfRun(run);
    if (!build || FINISHED.has(before.state)) return run;
    const state = STATE_OF[build.status] ?? 'running';
    let progress: ServiceBuildProgress = {
      ...before,
      state,
      ...(build.currentPhase ? { phase: build.currentPhase } : {}),
      ...(build.startTime ? { startedAt: build.startTime.toISOString() } : {}),
      ...(build.endTime ? { finishedAt: build.endTime.toISOString() } : {}),
      ...(build.logsUrl ? { logsUrl: build.logsUrl } : {}),
      ...(build.resolvedSourceVersion ? { commit: build.resolvedSourceVersion } : {}),
      ...(build.failedPhase ? { failedPhase: build.failedPhase } : {}),
      ...(build.failureMessage ? { failureMessage: build.failureMessage } : {}),
    };
    if (state === 'succeeded') {
      const planned = run.detail.planned as PlannedServiceBuild;
      progress = { ...progress, image: await checkImage(this.deps.ecrFor(run.environment), planned) };
    }
    if (JSON.stringify(progress) === JSON.stringify(before)) return run;
    const next: Run = { ...run, detail: { ...run.detail, progress }, version: run.version + 1 };
    return (await this.deps.store.updateRun(next)) ? next : ((await this.deps.store.getRun(run.id)) ?? run);
  }

  /** Shows the request's progress if it changed and the throttle allows; closes the runs once the outcome is shown. Returns ms until a held-back edit is due. */
  private async publish(requestId: string, runs: Run[]): Promise<number> {
    const first = runs[0]!;
    const progress = buildProgress(requestId, first.environment, String(first.detail.version), runs);
    const key = progressKey(progress);
    const now = this.deps.clock.now().getTime();
    if (!this.throttle.shouldEdit(requestId, key, now)) return this.throttle.waitFor(requestId, key, now) || this.options.pollMs;
    const where = { channelId: first.channelId, ...(first.messageTs ? { messageTs: first.messageTs } : {}) };
    const { messageTs } = await this.deps.sink.show(progress, where);
    this.throttle.edited(requestId, key, now);
    if (!first.messageTs) await Promise.all(runs.map((r) => this.deps.store.updateRun({ ...r, messageTs, version: r.version + 1 })));
    if (!progress.done) return this.options.pollMs;
    await this.deps.sink.finished(progress);
    await Promise.all(runs.map((run) => this.close(run, messageTs)));
    this.throttle.forget(requestId);
    return this.options.pollMs;
  }

  private async close(run: Run, messageTs: string): Promise<void> {
    const current = (await this.deps.store.getRun(run.id)) ?? run;
    const progress = progressOfRun(current);
    await this.deps.store.updateRun({
      ...current,
      messageTs,
      status: OUTCOME[progress.state] ?? 'failed',
      finishedAt: this.deps.clock.now(),
      version: current.version + 1,
    });
    const began = progress.startedAt ? Date.parse(progress.startedAt) : run.startedAt.getTime();
    const ended = progress.finishedAt ? Date.parse(progress.finishedAt) : this.deps.clock.now().getTime();
    this.deps.metrics?.buildFinished(progress.state, Math.max(0, ended - began) / 1000);
    await this.deps.store.appendAudit({
      at: this.deps.clock.now(),
      actor: 'shipmate',
      action: `build.${progress.state}`,
      environment: run.environment,
      subject: run.id,
      detail: describeOutcome(progress),
    });
  }
}

function describeOutcome(p: ServiceBuildProgress): string {
  if (p.state === 'refused') return `${p.project}: not started — ${p.refusal?.message ?? ''}`;
  if (p.state === 'failed') return `${p.project} ${p.buildId ?? ''} failed in ${p.failedPhase ?? 'an unknown phase'}${p.failureMessage ? `: ${p.failureMessage}` : ''}`;
  if (p.state === 'stopped') return `${p.project} ${p.buildId ?? ''} stopped`;
  return `${p.project} ${p.buildId ?? ''} succeeded; ${p.image?.problem ?? `${p.image?.reference ?? 'image'} landed`}`;
}
