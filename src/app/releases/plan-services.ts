import type { ReleaseStage } from '../../config/release-schema.js';
import type { ShipmateConfig } from '../../config/schema.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { ReleaseServiceTarget } from '../../domain/releases/release-payload.js';
import { fillVersion } from '../../domain/version.js';
import { deployWorkload } from '../deploys/deploy-workload.js';
import { workloadTargetOf } from '../deploys/workload-target.js';
import { systemClock } from '../../ports/clock.port.js';

/** The services a stage names: built, migrated with or deployed. */
export function servicesOfStage(stage: ReleaseStage): string[] {
  if (stage.type === 'build' || stage.type === 'deploy') return stage.services;
  return stage.type === 'migrate' ? [stage.service] : [];
}

/** The indexes of the stages from `from` on that are of `type` and name `service`. */
export function stagesNaming(stages: readonly ReleaseStage[], service: string, type: ReleaseStage['type'], from: number): number[] {
  return stages.flatMap((stage, i) => (i >= from && stage.type === type && servicesOfStage(stage).includes(service) ? [i] : []));
}

/** Whether the release runs the service's image: it rolls it out, or a migrate stage that is not skipped runs it. */
export const usesImage = (target: ReleaseServiceTarget, stages: readonly ReleaseStage[], from: number): boolean =>
  target.deployed || stagesNaming(stages, target.service, 'migrate', from).length > 0;

/**
 * Every service the stages name, in order of first mention, with the
 * release's tag, its digest when ECR has it, and what its container runs now.
 * Reads only: DescribeRepositories, DescribeImages, a Deployment GET (ECS: DescribeServices, DescribeTaskDefinition).
 */
export async function serviceTargets(
  config: ShipmateConfig,
  environment: string,
  version: string,
  stages: readonly ReleaseStage[],
  from: number,
  ports: ReadinessPorts,
): Promise<ReleaseServiceTarget[]> {
  const names = [...new Set(stages.flatMap(servicesOfStage))];
  return Promise.all(
    names.map(async (service): Promise<ReleaseServiceTarget> => {
      const { ecr } = config.services[service]!;
      const target = workloadTargetOf(config, environment, service);
      const tag = fillVersion(ecr.imageTag, version);
      const [repository, image, current] = await Promise.all([
        ports.ecr.getRepository(ecr.repository),
        ports.ecr.describeImage(ecr.repository, tag),
        deployWorkload(ports, systemClock, target).current(),
      ]);
      const previousImage = current?.image;
      const built = stagesNaming(stages, service, 'build', from).length > 0;
      // An image the release builds gets its digest when that build ends, not from what the tag holds now.
      const digest = repository && !built ? image?.digest : undefined;
      return {
        service,
        ...target,
        ...(target.runtime === 'ecs' && current ? { previousRevision: current.revision } : {}),
        repository: ecr.repository,
        ...(repository ? { repositoryUri: repository.uri } : {}),
        tag,
        ...(digest ? { digest, image: `${repository!.uri}:${tag}@${digest}` } : {}),
        ...(previousImage ? { previousImage } : {}),
        built,
        deployed: stagesNaming(stages, service, 'deploy', from).length > 0,
      };
    }),
  );
}
