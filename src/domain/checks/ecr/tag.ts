import { formatUtc } from '../codebuild/format-utc.js';
import { fail, pass, skip, type Check } from '../check.js';

export const tagCheck: Check = {
  id: 'ecr.tag',
  title: 'Image tag exists',
  severity: 'fail',
  run: async ({ target, facts }) => {
    const { repository, tag } = target.ecr;
    if (!tag) return skip('no version given and nothing deployed');
    if (!(await facts.repository())) return skip(`repository ${repository} does not exist (see ecr.repository)`);
    const image = await facts.image();
    if (!image) {
      const version = target.version ?? tag;
      return fail(
        `tag ${tag} is not in ${repository}`,
        `run \`/build ${version} ${target.service}\`, or check the tag template \`services.${target.service}.ecr.imageTag\``,
      );
    }
    const pushed = image.pushedAt ? `, pushed ${formatUtc(image.pushedAt)}` : '';
    return pass(`tag ${tag} is ${shortDigest(image.digest)}${pushed}`);
  },
};

/** sha256:0123456789abcdef... -> sha256:0123456789ab, as registries and docker print it. */
function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':', 2);
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}
