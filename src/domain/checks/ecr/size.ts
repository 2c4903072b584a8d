import { fail, pass, skip, type Check } from '../check.js';
import { findImage } from './find-image.js';
import { formatSize, mibToBytes } from './format-size.js';

export const sizeCheck: Check = {
  id: 'ecr.size',
  title: 'Image size within budget',
  severity: 'warn',
  run: async (context) => {
    const { found, skipped } = await findImage(context);
    if (skipped) return skipped;
    const { image, tag } = found;
    const budgetMb = context.settings.imageSizeBudgetMb;
    const budget = `${budgetMb} MB`;
    // No image weighs 0 bytes: a missing or zero size is one ECR did not report, not a small image.
    if (!image.sizeBytes) return skip(`tag ${tag}: size unknown, ECR reports no size for it, so the ${budget} budget cannot be checked`);
    if (image.sizeBytes > mibToBytes(budgetMb)) {
      return fail(
        `tag ${tag} is ${formatSize(image.sizeBytes)}, over the ${budget} budget: slow pulls and slow pod starts`,
        'use a multi-stage build that copies only the runtime artefacts, a slim or distroless base image, and a .dockerignore',
      );
    }
    return pass(`tag ${tag} is ${formatSize(image.sizeBytes)}, within the ${budget} budget`);
  },
};
