import type { World, WorldImage, WorldRepository } from '../world.js';
import type { SandboxRun } from './codebuild-runs.js';

const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'];
const DEFAULT_IMAGE_BYTES = 150_000_000;

/**
 * The repository a project's builds push to. Projects do not say, so the
 * sandbox goes by the naming the scenarios use: the project name without its
 * "-build" suffix, as the last path segment of a repository (backend-build →
 * shop/backend), or as the whole name.
 */
export function repositoryOfProject(world: World, projectName: string): WorldRepository | undefined {
  const image = projectName.replace(/-build$/, '');
  return world.ecr.repositories.find((r) => r.name === image || r.name.endsWith(`/${image}`));
}

/**
 * What `docker buildx build --platform … --push` leaves in ECR when the build
 * succeeds: an OCI index tagged with the VERSION override, one image per
 * platform (behaviour.pushPlatforms, default linux/amd64 and linux/arm64) and
 * BuildKit's attestations. A tag already in the repository moves to the new
 * image, as in a repository with mutable tags. Nothing is pushed without a
 * VERSION override or a repository.
 */
export function pushBuiltImage(world: World, run: SandboxRun, pushedAt: number): WorldImage | undefined {
  const version = run.environmentVariables.find((v) => v.name === 'VERSION')?.value;
  const repository = repositoryOfProject(world, run.projectName);
  if (!version || !repository) return undefined;
  const image: WorldImage = {
    tags: [version],
    kind: 'index',
    platforms: world.codebuild.behaviour?.pushPlatforms?.[run.projectName] ?? DEFAULT_PLATFORMS,
    attestations: true,
    sizeBytes: newestImage(repository)?.sizeBytes ?? DEFAULT_IMAGE_BYTES,
    pushedAt: new Date(pushedAt).toISOString(),
    ...(repository.scanOnPush ? { scan: { status: 'COMPLETE', findings: {} } } : {}),
  };
  repository.images.push(image);
  return image;
}

function newestImage(repository: WorldRepository): WorldImage | undefined {
  const pushed = (image: WorldImage) => (image.pushedAt ? Date.parse(image.pushedAt) : 0);
  return [...repository.images].sort((a, b) => pushed(b) - pushed(a))[0];
}
