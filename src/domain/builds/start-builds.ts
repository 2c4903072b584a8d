import { PortError } from '../../ports/port-error.js';
import type { ApprovalRequest, Run } from '../../ports/store.port.js';
import type { BuildDeps } from './build-deps.js';
import type { BuildPayload, PlannedServiceBuild } from './build-payload.js';
import type { ServiceBuildProgress } from './build-progress.js';

export const runIdOf = (requestId: string, service: string) => `${requestId}-${service}`;

/**
 * Starts one CodeBuild build per service of an approved request. Each run is
 * stored before StartBuild, and the run id is CodeBuild's idempotency token,
 * so starting again after a crash (resume) returns the same build instead of
 * a second one. A run stays active until the tracker has shown its outcome,
 * so a restart in between shows it again rather than never.
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

function newRun(request: ApprovalRequest, planned: PlannedServiceBuild, status: { channelId: string; messageTs?: string }, now: Date): Run {
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

async function startOne(run: Run, request: ApprovalRequest, payload: BuildPayload, planned: PlannedServiceBuild, deps: BuildDeps): Promise<Run> {
  const codebuild = deps.codebuildFor(run.environment);
  try {
    const build = await codebuild.startBuild({
      projectName: planned.project,
      sourceVersion: planned.sourceVersion,
      environmentVariables: { VERSION: payload.version },
      idempotencyToken: run.id,
    });
    const progress: ServiceBuildProgress = {
      service: planned.service,
      project: planned.project,
      state: 'running',
      buildId: build.id,
      ...(build.currentPhase ? { phase: build.currentPhase } : {}),
      ...(build.startTime ? { startedAt: build.startTime.toISOString() } : {}),
      ...(build.logsUrl ? { logsUrl: build.logsUrl } : {}),
    };
    const next: Run = { ...run, status: 'running', externalId: build.id, detail: { ...run.detail, progress }, version: run.version + 1 };
    await deps.store.updateRun(next);
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: 'shipmate',
      action: 'build.started',
      environment: run.environment,
      subject: run.id,
      detail: `${planned.project} ${planned.sourceVersion} → ${build.id} (request ${request.id})`,
    });
    return next;
  } catch (error) {
    if (!(error instanceof PortError) || !['limit_exceeded', 'invalid', 'forbidden'].includes(error.code)) throw error;
    const refusal = error.code === 'limit_exceeded' ? await deps.explainLimit(run.environment, planned.project, error.message) : { message: error.message };
    const progress: ServiceBuildProgress = { service: planned.service, project: planned.project, state: 'refused', refusal };
    // Still active: the tracker shows the refusal, then closes the run.
    const next: Run = { ...run, status: 'running', detail: { ...run.detail, progress }, version: run.version + 1 };
    await deps.store.updateRun(next);
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: 'shipmate',
      action: 'build.refused',
      environment: run.environment,
      subject: run.id,
      detail: refusal.message,
    });
    return next;
  }
}
