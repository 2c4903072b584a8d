import { repositoryContent } from '../sandbox/aws/ecr-manifests.js';
import type { DemoStage } from './demo-stage.js';

/** Whether `image` names `version` of the sandbox ECR's `repository` pinned to the digest ECR holds for that tag. */
export function isPinnedToEcr(stage: DemoStage, repository: string, version: string, image: string): boolean {
  const found = stage.session.sandbox.state.world.ecr.repositories.find((r) => r.name === repository);
  const pushed = found && repositoryContent(found).manifests.find((m) => m.isRoot && m.tags.includes(version))?.digest;
  return pushed !== undefined && image.endsWith(`:${version}@${pushed}`);
}

/** The image without its registry host, the digest cut to 12 hex digits. */
export function shortImage(image: string): string {
  return image.replace(/^[^/]+\//, '').replace(/@sha256:([0-9a-f]{12})[0-9a-f]*$/, '@sha256:$1…');
}
