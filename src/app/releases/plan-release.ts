import type { ReleaseStage } from '../../config/release-schema.js';
import type { ShipmateConfig } from '../../config/schema.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { ReleasePlan } from '../../domain/releases/release-payload.js';
import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';
import { UsageError } from '../../usage-error.js';
import { freezeWindowAt } from '../deploys/request-deploy.js';
import { resolveEnvironment } from '../resolve-environment.js';
import { fromStage } from './from-stage.js';
import { freezeBlockers, imageBlockers, lockBlockers } from './plan-blockers.js';
import { releasePreflight } from './plan-preflight.js';
import { serviceTargets } from './plan-services.js';

export interface PlanReleaseInput {
  environment?: string;
  version: string;
  /** --from: a stage's one-based number or its type. */
  from?: string;
  override: boolean;
}

/** The environment, its release and the stage --from names, checked without any call: a UsageError names what is wrong. */
export function releaseInput(config: ShipmateConfig, input: Pick<PlanReleaseInput, 'environment' | 'from'>): { environment: string; stages: ReleaseStage[]; from: number } {
  const environment = resolveEnvironment(config, input.environment);
  const stages = config.environments[environment]!.releases?.stages ?? [];
  if (stages.length === 0) throw new UsageError(`no release is configured for ${environment} (environments.${environment}.releases)`);
  return { environment, stages, from: fromStage(stages, input.from) };
}

/**
 * What `/release <version> [env]` would do, found out read-only (SPEC §9):
 * every service's current → target image and digest, which images the
 * release builds, /deploy's preflight for what it rolls out, locks and the
 * freeze window. Bad input (environment, release, --from) is a UsageError
 * before any call. Whatever stands in the way of approving it is a blocker.
 */
export async function planRelease(
  config: ShipmateConfig,
  input: PlanReleaseInput,
  ports: ReadinessPorts,
  deps: { store: Pick<StorePort, 'getLock'>; clock: Clock },
): Promise<ReleasePlan> {
  const { environment, stages, from } = releaseInput(config, input);
  const frozen = freezeWindowAt(config, environment, deps.clock.now());
  const services = await serviceTargets(config, environment, input.version, stages, from, ports);
  const [preflight, locked] = await Promise.all([releasePreflight(config, environment, input.version, services, ports), lockBlockers(services, environment, deps)]);
  return {
    environment,
    version: input.version,
    stages: structuredClone(stages),
    from,
    services,
    preflight: preflight.lines,
    blockers: [...imageBlockers(services, stages, from), ...preflight.blockers, ...locked, ...freezeBlockers(environment, frozen, input.override)],
    ...(frozen ? { frozen } : {}),
    override: input.override,
  };
}
