import { parseImageRef } from '../image-ref.js';
import { fail, pass, warn, type CheckContext, type CheckOutcome } from './check.js';

/**
 * Whether the image a container runs is the version under review: by its tag,
 * or, pinned by digest only, by the digest the tag under review has in ECR.
 * k8s.image-current (a Deployment's container) and ecs.image-current (a task
 * definition's) judge alike; `who` names the container in the finding.
 */
export async function imageCurrentOutcome({ target, facts }: Pick<CheckContext, 'target' | 'facts'>, who: string, image: string): Promise<CheckOutcome> {
  const deployed = parseImageRef(image);
  const wantedTag = target.ecr.tag ?? target.version;
  const deployCommand = `/deploy ${target.service} ${target.version} ${target.environment}`;

  if (target.versionSource === 'deployed') return pass(`reviewing what runs: ${target.version}`);
  if (deployed.tag) {
    if (deployed.tag === wantedTag) return pass(`${who} runs ${deployed.tag}, the version under review`);
    return fail(`${who} runs ${deployed.tag}; under review: ${target.version}`, deployCommand);
  }
  // Pinned by digest only: the tag under review may still point at that digest.
  const found = await facts.image();
  if (found && deployed.digest === found.digest) return pass(`${who} runs ${deployed.digest}, the digest of ${wantedTag}`);
  return warn(
    `${who} is pinned by digest only (${deployed.digest ?? image}), which is not tag ${wantedTag}${found ? ` (${found.digest})` : ''}`,
    deployCommand,
  );
}
