import type { ReleaseStage } from '../../config/release-schema.js';
import { stageLabel, type ReleaseServiceTarget } from '../../domain/releases/release-payload.js';
import { plainTextOf } from '../../domain/text/rich-text.js';
import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';
import { describeLock } from '../deploys/describe-lock.js';
import { stagesNaming, usesImage } from './plan-services.js';

/**
 * An image the release runs (rolls out, or migrates with) that ECR does not
 * have and no build stage of this release makes; a build stage that --from
 * skips is named, since it is what the person probably meant to run.
 */
export function imageBlockers(targets: readonly ReleaseServiceTarget[], stages: readonly ReleaseStage[], from: number): string[] {
  return targets
    .filter((t) => usesImage(t, stages, from) && !t.digest && !t.built)
    .map((t) => {
      // Not built by the release: any build stage naming it comes before --from.
      const skipped = stagesNaming(stages, t.service, 'build', 0)[0];
      const where = t.repositoryUri ? `${t.repository}:${t.tag} is not in ECR` : `the ECR repository ${t.repository} does not exist`;
      const hint = skipped !== undefined ? ` (stage ${stageLabel(stages, skipped)} builds it, but --from skips it)` : '';
      return `${t.service}: ${where}, and this release does not build it${hint}`;
    });
}

/** A lock held on a service the release rolls out (an expired one no longer holds), worded as /deploy tells it. */
export async function lockBlockers(
  targets: readonly ReleaseServiceTarget[],
  environment: string,
  deps: { store: Pick<StorePort, 'getLock'>; clock: Clock },
): Promise<string[]> {
  const now = deps.clock.now();
  const locks = await Promise.all(targets.filter((t) => t.deployed).map((t) => deps.store.getLock(t.service, environment)));
  return locks.flatMap((lock) => (lock && !(lock.until && lock.until.getTime() <= now.getTime()) ? [plainTextOf(describeLock(lock, now))] : []));
}

/** Inside a freeze window a release needs --override (and then one more approval). */
export function freezeBlockers(environment: string, frozen: string | undefined, override: boolean): string[] {
  return frozen && !override ? [`${environment} is frozen (${frozen}); add --override to ask anyway: it then needs one more approval`] : [];
}
