import type { BuildSummary, CodeBuildPort } from '../../ports/codebuild.port.js';
import { PortError } from '../../ports/port-error.js';
import type { ApprovalRequest, Run } from '../../ports/store.port.js';
import type { BuildDeps } from './build-deps.js';
import type { BuildPayload, PlannedServiceBuild } from './build-payload.js';
import type { ServiceBuildProgress, StartRefusal } from './build-progress.js';
import { findStartedBuild, type StartedBuildSearch } from './find-started-build.js';

export const runIdOf = (requestId: string, service: string) => `${requestId}-${service}`;

/**
 * Starts one CodeBuild build per service of an approved request. Each run is
 * stored before StartBuild, and the run id is both CodeBuild's idempotency
 * token and an environment variable of the build, so starting again after a
 * crash (resume) returns the same build instead of a second one: within five
 * minutes through the token, after that by finding the build that carries the
 * run id. A run stays active until the tracker has shown its outcome, so a
 * restart in between shows it again rather than never.
 */
export async function startBuilds(
  request: ApprovalRequest,
  payload: BuildPayload,
  status: { channelId: string; messageTs?: string },
  deps: BuildDeps,
): Promise<Run[]> {
  const runs = await createRuns(request, payload, status, deps);
  return startPending(request, payload, runs, deps);
}

/** The runs of a request, created (status starting) where missing. */
export async function createRuns(
  request: ApprovalRequest,
  payload: BuildPayload,
  status: { channelId: string; messageTs?: string },
  deps: BuildDeps,
): Promise<Run[]> {
  const existing = new Map((await deps.store.runsOfRequest(request.id)).map((r) => [r.service, r]));
  const runs: Run[] = [];
  for (const planned of payload.services) {
    let run = existing.get(planned.service);
    if (!run) {
      run = newRun(request, planned, status, deps.clock.now());
      await deps.store.createRun(run);
    }
    runs.push(run);
  }
  return runs;
}

/** StartBuild for every run still `starting`; the others are returned as they are. */
export async function startPending(request: ApprovalRequest, payload: BuildPayload, runs: readonly Run[], deps: BuildDeps): Promise<Run[]> {
  return Promise.all(
    runs.map((run) => {
      const planned = payload.services.find((s) => s.service === run.service);
      return run.status === 'starting' && planned ? startOne(run, request, payload, planned, deps) : run;
    }),
  );
}

/** The run of one service's build, status `starting` (stored with the deciding approval, or by createRuns). */
export function newRun(request: ApprovalRequest, planned: PlannedServiceBuild, status: { channelId: string; messageTs?: string }, now: Date): Run {
  const progress: ServiceBuildProgress = { service: planned.service, project: planned.project, state: 'starting' };
  return {
    id: runIdOf(request.id, planned.service),
    requestId: request.id,
    kind: 'build',
    environment: request.environment,
    service: planned.service,
    status: 'starting',
    startedAt: now,
    channelId: status.channelId,
    ...(status.messageTs ? { messageTs: status.messageTs } : {}),
    detail: { planned, version: (request.payload as unknown as BuildPayload).version, progress },
    version: 1,
  };
}

/**
 * While a run is younger than this, any StartBuild sent for it is younger too
 * (the run is stored first), so CodeBuild's idempotency token, honoured for
 * five minutes, still guarantees one build; a minute is left for clock steps.
 */
export const TOKEN_TRUSTED_MS = 4 * 60_000;

async function startOne(run: Run, request: ApprovalRequest, payload: BuildPayload, planned: PlannedServiceBuild, deps: BuildDeps): Promise<Run> {
  const codebuild = deps.codebuildFor(run.environment);
  try {
    const earlier = await earlierBuild(run, planned, codebuild, deps.clock.now());
    const approvedAt = (request.decidedAt ?? run.startedAt).getTime();
    if (earlier.kind === 'none' && deps.startWithinMs !== undefined && deps.clock.now().getTime() - approvedAt > deps.startWithinMs) {
      const when = new Date(approvedAt).toISOString().slice(0, 16).replace('T', ' ');
      return await notStarted(run, planned, { message: `Not started: approved at ${when} UTC and not started in time (the bot was down); starting it this late would surprise people. Ask again if it is still wanted.` }, deps);
    }
    if (earlier.kind === 'unsure') {
      const message = `Not started: a build for it may have been started more than 5 minutes ago, before a restart, and it is not among the ${earlier.looked} newest builds of ${planned.project}. Look there before asking again.`;
      return await notStarted(run, planned, { message }, deps);
    }
    const build =
      earlier.kind === 'found'
        ? earlier.build
        : await codebuild.startBuild({
            projectName: planned.project,
            sourceVersion: planned.sourceVersion,
            environmentVariables: { VERSION: payload.version },
            idempotencyToken: run.id,
            runId: run.id,
          });
    return await started(run, request, planned, build, earlier.kind === 'found', deps);
  } catch (error) {
    if (!(error instanceof PortError) || !['limit_exceeded', 'invalid', 'forbidden'].includes(error.code)) throw error;
    const refusal = error.code === 'limit_exceeded' ? await deps.explainLimit(run.environment, planned.project, error.message) : { message: error.message };
    return notStarted(run, planned, refusal, deps);
  }
}

/**
 * A run still `starting` past the token's window may have a build all the
 * same (its process died between StartBuild and storing the id): look for the
 * build carrying its run id before starting one.
 */
async function earlierBuild(run: Run, planned: PlannedServiceBuild, codebuild: CodeBuildPort, now: Date): Promise<StartedBuildSearch> {
  if (now.getTime() - run.startedAt.getTime() < TOKEN_TRUSTED_MS) return { kind: 'none' };
  return findStartedBuild(codebuild, planned.project, run.id, run.startedAt);
}

async function started(run: Run, request: ApprovalRequest, planned: PlannedServiceBuild, build: BuildSummary, adopted: boolean, deps: BuildDeps): Promise<Run> {
  const progress: ServiceBuildProgress = {
    service: planned.service,
    project: planned.project,
    state: 'running',
    buildId: build.id,
    ...(build.currentPhase ? { phase: build.currentPhase } : {}),
    ...(build.startTime ? { startedAt: build.startTime.toISOString() } : {}),
    ...(build.logsUrl ? { logsUrl: build.logsUrl } : {}),
    ...(build.resolvedSourceVersion ? { commit: build.resolvedSourceVersion } : {}),
  };
  const found = adopted ? '; started before a restart, found by its run id' : '';
  const detail = `${planned.project} ${planned.sourceVersion} → ${build.id} (request ${request.id}${found})`;
  return record({ ...run, status: 'running', externalId: build.id, detail: { ...run.detail, progress }, version: run.version + 1 }, 'build.started', detail, deps);
}

async function notStarted(run: Run, planned: PlannedServiceBuild, refusal: StartRefusal, deps: BuildDeps): Promise<Run> {
  const progress: ServiceBuildProgress = { service: planned.service, project: planned.project, state: 'refused', refusal };
  // Still active: the tracker shows the refusal, then closes the run.
  return record({ ...run, status: 'running', detail: { ...run.detail, progress }, version: run.version + 1 }, 'build.refused', refusal.message, deps);
}

/** Stores the run as it now stands and audits why. */
async function record(next: Run, action: string, detail: string, deps: BuildDeps): Promise<Run> {
  await deps.store.updateRun(next);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action, environment: next.environment, subject: next.id, detail });
  return next;
}
