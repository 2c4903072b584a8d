import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { truncate } from '../../blocks/truncate.js';
import type { ImageCheckView } from './build-status-view.js';

const PROBLEM_MAX = 300;

/** The ECR line under a successful build: "✅ …/shop/backend:1.1.0 has linux/amd64", or what is wrong. */
export function imageCheckText(image: ImageCheckView): string {
  return escapeMrkdwn(rawText(image));
}

function rawText(image: ImageCheckView): string {
  const { reference, requiredPlatform: platform } = image;
  switch (image.result) {
    case 'checking':
      return `:hourglass_flowing_sand: checking ECR for ${reference}…`;
    case 'present':
      return `:white_check_mark: ${reference} has ${platform}`;
    case 'tag-missing': {
      const { repository, tag } = splitReference(reference);
      return `:x: tag ${tag} not in ECR (${repository}): the build succeeded without pushing it; check the buildspec's \`docker push\``;
    }
    case 'platform-missing': {
      const has = image.platforms?.length ? `it has ${image.platforms.join(', ')}` : 'it names no platform';
      return `:x: no ${platform} in the image ${reference} (${has}): the cluster would fail with \`no match for platform in manifest\``;
    }
    case 'lookup-failed':
      return `:warning: could not check ECR for ${reference}: ${truncate(image.problem ?? 'no answer', PROBLEM_MAX)}`;
  }
}

/** "host/shop/backend:1.1.0" -> repository "host/shop/backend", tag "1.1.0"; a ":" before the last "/" is a registry port. */
function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon <= reference.lastIndexOf('/')) return { repository: reference, tag: 'latest' };
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}
