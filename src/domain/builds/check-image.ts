import type { EcrPort } from '../../ports/ecr.port.js';
import { platformMatches } from '../checks/ecr/platform-match.js';
import type { PlannedServiceBuild } from './build-payload.js';
import type { ImageCheck } from './build-progress.js';

/** After a successful build: did the tag land in ECR, with the platform the cluster needs? */
export async function checkImage(ecr: EcrPort, planned: PlannedServiceBuild): Promise<ImageCheck> {
  const reference = `${planned.repository}:${planned.tag}`;
  const base = { reference, requiredPlatform: planned.platform };
  try {
    const image = await ecr.describeImage(planned.repository, planned.tag);
    if (!image) return { ...base, landed: false, platforms: [], problem: `tag ${planned.tag} is not in ECR repository ${planned.repository}` };
    const platforms = await ecr.imagePlatforms(planned.repository, planned.tag);
    const ok = platforms.some((p) => platformMatches(planned.platform, p));
    return {
      ...base,
      landed: true,
      platforms,
      ...(ok ? {} : { problem: `${reference} has ${platforms.join(', ') || 'no platform'}, not ${planned.platform}` }),
    };
  } catch (error) {
    return { ...base, landed: false, platforms: [], problem: `could not check ECR: ${(error as Error).message}` };
  }
}
