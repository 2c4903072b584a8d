import type { Run } from '../../ports/store.port.js';

export type ServiceBuildState = 'starting' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'refused';

/** What ended up in ECR after a successful build. */
export interface ImageCheck {
  reference: string;
  landed: boolean;
  requiredPlatform: string;
  platforms: string[];
  /** One line when something is wrong (tag missing, platform missing, lookup failed). */
  problem?: string;
}

/** Why CodeBuild would not start a build, and which limit applied when that is known. */
export interface StartRefusal {
  /** CodeBuild's words (or another port error's). */
  message: string;
  quota?: { name: string; code: string; value: number };
  projectLimit?: number;
  region?: string;
}

/** One service's build as people see it; kept in the run's detail so a restart can show it again. */
export interface ServiceBuildProgress {
  service: string;
  project: string;
  state: ServiceBuildState;
  buildId?: string;
  phase?: string;
  startedAt?: string;
  finishedAt?: string;
  logsUrl?: string;
  /** The commit CodeBuild resolved the source version to. */
  commit?: string;
  failedPhase?: string;
  failureMessage?: string;
  /** Why CodeBuild would not start it. */
  refusal?: StartRefusal;
  image?: ImageCheck;
}

export interface BuildProgress {
  requestId: string;
  environment: string;
  version: string;
  services: ServiceBuildProgress[];
  /** Every service has an outcome. */
  done: boolean;
}

export const FINISHED: ReadonlySet<ServiceBuildState> = new Set(['succeeded', 'failed', 'stopped', 'refused']);

export function progressOfRun(run: Run): ServiceBuildProgress {
  return run.detail.progress as ServiceBuildProgress;
}

export function buildProgress(requestId: string, environment: string, version: string, runs: readonly Run[]): BuildProgress {
  const services = runs.map(progressOfRun);
  return { requestId, environment, version, services, done: services.every((s) => FINISHED.has(s.state)) };
}

/** Changes worth an edit: a state or a phase, not the passing of time. */
export function progressKey(progress: BuildProgress): string {
  return progress.services.map((s) => `${s.service}:${s.state}:${s.phase ?? ''}:${s.image?.landed ?? ''}`).join('|');
}
