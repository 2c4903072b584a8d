import { skip, type Check } from '../check.js';
import { imageCurrentOutcome } from '../image-current-outcome.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

export const imageCurrentCheck: Check = {
  id: 'k8s.image-current',
  title: 'Deployed image is the version under review',
  severity: 'warn',
  runtime: 'kubernetes',
  run: async (context) => {
    if (!context.target.version) return skip('no version under review: none was asked for and the Deployment gave none');
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    return imageCurrentOutcome(context, containerName(deployment, container), container.image);
  },
};
