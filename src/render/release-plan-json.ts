import type { ReleaseStage } from '../config/release-schema.js';
import type { ReleasePlan, ReleasePreflightLine, ReleaseServiceTarget } from '../domain/releases/release-payload.js';

/** The stable shape `shipmate release plan --format json` prints; CI pipelines parse it. Stage numbers are one-based, as people see them. */
export interface ReleasePlanJson {
  environment: string;
  version: string;
  /** No blockers: the release can be asked for and approved now. */
  ready: boolean;
  blockers: string[];
  /** The first stage that runs (1 unless --from named another). */
  from: number;
  stages: (ReleaseStage & { number: number; skipped: boolean })[];
  services: ReleaseServiceTarget[];
  preflight: ReleasePreflightLine[];
  frozen: string | null;
  override: boolean;
}

export function toReleasePlanJson(plan: ReleasePlan): ReleasePlanJson {
  return {
    environment: plan.environment,
    version: plan.version,
    ready: plan.blockers.length === 0,
    blockers: plan.blockers,
    from: plan.from + 1,
    stages: plan.stages.map((stage, i) => ({ number: i + 1, ...stage, skipped: i < plan.from })),
    services: plan.services,
    preflight: plan.preflight,
    frozen: plan.frozen ?? null,
    override: plan.override,
  };
}
