import { fail, pass, type Check } from '../check.js';
import { findImage } from './find-image.js';
import { platformMatches } from './platform-match.js';

const DEFAULT_PLATFORM = 'linux/amd64';

export const platformCheck: Check = {
  id: 'ecr.platform',
  title: 'Image has the required platform',
  severity: 'fail',
  run: async (context) => {
    const { found, skipped } = await findImage(context);
    if (skipped) return skipped;
    const { tag, repository } = found;
    const required = context.target.ecr.platform || DEFAULT_PLATFORM;
    const platforms = await context.facts.platforms();
    const fix = `rebuild for the cluster's platform and push: \`docker buildx build --platform ${buildPlatforms(required)} -t ${repository.uri}:${tag} --push .\``;
    if (platforms.length === 0) {
      return fail(`tag ${tag} names no platform (neither a manifest list entry nor an image config says which); the cluster needs ${required}`, fix);
    }
    const match = platforms.find((offered) => platformMatches(required, offered));
    if (match) return pass(`tag ${tag} has ${required} (${platforms.join(', ')})`);
    const has = platforms.length === 1 ? `${platforms[0]} only` : `${platforms.join(', ')} but not ${required}`;
    return fail(`tag ${tag} is ${has}; the cluster needs ${required} — pods fail with \`no match for platform in manifest\``, fix);
  },
};

/** The required platform plus linux/arm64 when it is linux/amd64, the pair most teams build. */
function buildPlatforms(required: string): string {
  return required === DEFAULT_PLATFORM ? 'linux/amd64,linux/arm64' : required;
}
