import type { ApprovalRequest, Run, StorePort } from '../../ports/store.port.js';
import { releaseRunId } from '../../domain/releases/release-audit.js';
import { releasePayloadOf } from './release-deps.js';

/** A service a deploy stage patched (or was about to): the rollback undoes these, last first. */
export interface PatchedService {
  service: string;
  image: string;
  previousImage?: string;
  /** What the rollback returns to: the previous image of a Deployment, the previous task definition of an ECS service. */
  previousRevision?: string;
  /** What to follow once patched (a Deployment's generation, an ECS task definition ARN). */
  token?: string;
}

/** Where a release is, in its run's detail: what a restart resumes from. */
export interface ReleaseProgress {
  /** The stage in progress, or the next one to run. */
  stage: number;
  phase: 'running' | 'rolling-back' | 'done';
  /** The stage whose start was audited and told (so a resumed stage is not announced twice). */
  announced?: number;
  builds: { service: string; buildId?: string; startedAt: string }[];
  /** Images made by the release's build stages, pinned. */
  images: { service: string; digest: string; image: string }[];
  snapshot?: { identifier: string; kind: 'instance' | 'cluster'; database: string; available?: boolean };
  /** Recorded before its Job is created: a migration that may have run cannot be undone, and the failure says so. */
  migration?: { jobName: string; service: string; command: string[]; succeeded?: boolean };
  patched: PatchedService[];
  /** Recorded before a deploy stage watches its metric guards: a resumed stage finishes the same windows, without deploying again. */
  guarding?: { stage: number; since: string; rolledOut: string[] };
  /** Services whose rollback was done (or given up, in `unrolled`): a resumed rollback does not undo them again. */
  rolledBack: string[];
  unrolled: { service: string; why: string }[];
  failure?: { stage: number; reason: string; told?: boolean };
}

export const progressOf = (run: Run): ReleaseProgress => run.detail as unknown as ReleaseProgress;

export function newReleaseRun(request: ApprovalRequest, now: Date): Run {
  const plan = releasePayloadOf(request);
  const progress: ReleaseProgress = { stage: plan.from, phase: 'running', builds: [], images: [], patched: [], rolledBack: [], unrolled: [] };
  return {
    id: releaseRunId(request.id),
    requestId: request.id,
    kind: 'release',
    environment: request.environment,
    service: plan.services.map((s) => s.service).join(','),
    status: 'starting',
    startedAt: now,
    channelId: request.channelId,
    ...(request.messageTs ? { messageTs: request.messageTs } : {}),
    detail: progress as unknown as Record<string, unknown>,
    version: 1,
  };
}

/**
 * The run's one writer: changes are applied one after another (a deploy
 * stage's services report in parallel) to the stored run, so no change is
 * lost to the store's version check.
 */
export class RunJournal {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private current: Run,
    private readonly store: Pick<StorePort, 'updateRun'>,
  ) {}

  get run(): Run {
    return this.current;
  }

  get progress(): ReleaseProgress {
    return progressOf(this.current);
  }

  /** Applies `change` to the progress (and the run's fields) and stores it. */
  save(change: (progress: ReleaseProgress) => ReleaseProgress, fields: Partial<Run> = {}): Promise<Run> {
    const next = this.queue.then(async () => {
      const run: Run = { ...this.current, ...fields, detail: change(progressOf(this.current)) as unknown as Record<string, unknown>, version: this.current.version + 1 };
      if (!(await this.store.updateRun(run))) throw new Error(`the run ${run.id} was changed by someone else`);
      this.current = run;
      return run;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
