import type { EcrImage, EcrRepository } from '../../../ports/ecr.port.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';

export type ImageLookup =
  | { found: { image: EcrImage; tag: string; repository: EcrRepository }; skipped?: never }
  | { found?: never; skipped: CheckOutcome };

/**
 * The image under review, or the skip every image check but ecr.tag returns when
 * there is none to look at (ecr.repository and ecr.tag report why, once).
 */
export async function findImage({ target, facts }: Pick<CheckContext, 'target' | 'facts'>): Promise<ImageLookup> {
  const { repository, tag } = target.ecr;
  if (!tag) return { skipped: skip('no version given and nothing deployed') };
  const found = await facts.repository();
  if (!found) return { skipped: skip(`repository ${repository} does not exist (see ecr.repository)`) };
  const image = await facts.image();
  if (!image) return { skipped: skip(`tag ${tag} is not in ${repository} (see ecr.tag)`) };
  return { found: { image, tag, repository: found } };
}
