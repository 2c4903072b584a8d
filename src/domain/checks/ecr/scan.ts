import { fail, pass, warn, type Check } from '../check.js';
import { findImage } from './find-image.js';
import { atOrAbove, describeCounts } from './scan-severity.js';

/** Basic scanning ends in COMPLETE; enhanced scanning (Amazon Inspector) keeps an image ACTIVE with findings current. */
const FINISHED = new Set(['COMPLETE', 'ACTIVE']);

export const scanCheck: Check = {
  id: 'ecr.scan',
  title: 'Image scan findings',
  severity: 'fail',
  run: async (context) => {
    const { found, skipped } = await findImage(context);
    if (skipped) return skipped;
    const { image, tag } = found;
    const repository = found.repository.name;
    const imageId = `--repository-name ${repository} --image-id imageTag=${tag}`;
    if (!image.scanStatus) return warn(`tag ${tag} was never scanned`, `\`aws ecr start-image-scan ${imageId}\``);
    if (image.scanStatus === 'IN_PROGRESS') {
      return warn(`scan of tag ${tag} is still in progress`, `wait for it: \`aws ecr wait image-scan-complete ${imageId}\`, then run readiness again`);
    }
    if (!FINISHED.has(image.scanStatus)) {
      return warn(`scan of tag ${tag} did not complete (${image.scanStatus})`, `\`aws ecr start-image-scan ${imageId}\`; an UNSUPPORTED_IMAGE needs enhanced scanning`);
    }
    const threshold = context.settings.scanSeverity;
    const blocking = describeCounts(image.findingCounts, (s) => atOrAbove(s, threshold));
    if (blocking) {
      return fail(
        `tag ${tag} has findings at or above ${threshold}: ${blocking}`,
        `update the base image and dependencies, then rebuild; \`aws ecr describe-image-scan-findings ${imageId}\` lists them`,
      );
    }
    const below = describeCounts(image.findingCounts, () => true);
    return pass(`scan of tag ${tag} has ${below ? `${below}, ` : ''}no findings at or above ${threshold}`);
  },
};
