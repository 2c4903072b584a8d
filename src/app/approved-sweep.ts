import { newRun } from '../domain/builds/start-builds.js';
import type { BuildPayload } from '../domain/builds/build-payload.js';
import type { Clock } from '../ports/clock.port.js';
import type { ApprovalRequest, Run, StorePort } from '../ports/store.port.js';
import { newDeployRun } from './deploys/run-deploy.js';
import { newReleaseRun } from './releases/release-progress.js';

export interface ApprovedSweepDeps {
  store: StorePort;
  clock: Clock;
  /** Approved this recently: started now; older: not started any more, and said so. */
  startWithinMs: number;
  begin(request: ApprovalRequest): Promise<void>;
  /** Tells the request's thread (and card) that it was not started, and why. */
  tellNotStarted(request: ApprovalRequest, reason: string): Promise<void>;
  log(message: string, error?: unknown): void;
  /** Only requests decided at or after this (the periodic sweep); every approved request when left out (at election). */
  since?: Date;
}

/**
 * Approved requests with no run at all (decided by a version that stored the
 * decision and its runs apart, and died between them): each is started now,
 * or — approved longer ago than `startWithinMs` — recorded as not started
 * with a run of that status, so its thread says so once and the sweep never
 * looks at it again. Never silently nothing, never twice.
 */
export async function sweepApproved(deps: ApprovedSweepDeps): Promise<{ started: number; notStarted: number }> {
  const counts = { started: 0, notStarted: 0 };
  const now = deps.clock.now();
  for (const request of await deps.store.listRequests({ status: 'approved' })) {
    const approvedAt = request.decidedAt ?? request.requestedAt;
    if (deps.since && approvedAt < deps.since) continue;
    // A Promote has no run: the deploy's follow carries it out when it sees the decision.
    if (request.action === 'promote') continue;
    if ((await deps.store.runsOfRequest(request.id)).length > 0) continue;
    const runs = runsOf(request, now);
    if (now.getTime() - approvedAt.getTime() <= deps.startWithinMs) {
      for (const run of runs) await createOnce(deps.store, run);
      await deps.begin(request);
      counts.started++;
      continue;
    }
    const reason = `it was approved at ${approvedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC but never started, and starting it this late would surprise people; ask again if it is still wanted`;
    for (const run of runs) await createOnce(deps.store, { ...run, status: 'not-started', finishedAt: now, detail: { ...run.detail, phase: 'done', reason } });
    await deps.store.appendAudit({ at: now, actor: 'shipmate', action: `${request.action}.not-started`, environment: request.environment, subject: request.id, detail: reason });
    await deps.tellNotStarted(request, reason).catch((error: unknown) => deps.log(`could not tell that ${request.id} was not started`, error));
    counts.notStarted++;
  }
  return counts;
}

function runsOf(request: ApprovalRequest, now: Date): Run[] {
  if (request.action === 'deploy') return [newDeployRun(request, now)];
  if (request.action === 'release') return [newReleaseRun(request, now)];
  return (request.payload as unknown as BuildPayload).services.map((planned) => newRun(request, planned, { channelId: request.channelId }, now));
}

/** Another replica may sweep at the same moment: a run that exists already is left as it is. */
async function createOnce(store: StorePort, run: Run): Promise<void> {
  if (await store.getRun(run.id)) return;
  await store.createRun(run).catch(async (error: unknown) => {
    if (!(await store.getRun(run.id))) throw error;
  });
}
