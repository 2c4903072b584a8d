import { parseImageRef } from '../../image-ref.js';
import { fail, pass, skip, warn, type Check } from '../check.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

export const imageCurrentCheck: Check = {
  id: 'k8s.image-current',
  title: 'Deployed image is the version under review',
  severity: 'warn',
  runtime: 'kubernetes',
  run: async (context) => {
    const { target, facts } = context;
    if (!target.version) return skip('no version under review: none was asked for and the Deployment gave none');
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    const who = containerName(deployment, container);
    const deployed = parseImageRef(container.image);
    const wantedTag = target.ecr.tag ?? target.version;
    const deployCommand = `/deploy ${target.service} ${target.version} ${target.environment}`;

    if (target.versionSource === 'deployed') return pass(`reviewing what runs: ${target.version}`);
    if (deployed.tag) {
      if (deployed.tag === wantedTag) return pass(`${who} runs ${deployed.tag}, the version under review`);
      return fail(`${who} runs ${deployed.tag}; under review: ${target.version}`, deployCommand);
    }
    // Pinned by digest only: the tag under review may still point at that digest.
    const image = await facts.image();
    if (image && deployed.digest === image.digest) {
      return pass(`${who} runs ${deployed.digest}, the digest of ${wantedTag}`);
    }
    return warn(
      `${who} is pinned by digest only (${deployed.digest ?? container.image}), which is not tag ${wantedTag}${image ? ` (${image.digest})` : ''}`,
      deployCommand,
    );
  },
};
