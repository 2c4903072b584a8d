import { fail, pass, type Check } from '../check.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

/** limits.cpu is left out on purpose: CPU limits throttle, and many teams rightly leave them unset. */
const REQUIRED = [
  { section: 'requests', resource: 'cpu', example: '100m' },
  { section: 'requests', resource: 'memory', example: '128Mi' },
  { section: 'limits', resource: 'memory', example: '512Mi' },
] as const;

export const resourcesCheck: Check = {
  id: 'k8s.resources',
  title: 'CPU and memory requests and memory limit',
  severity: 'warn',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    const resources = container.resources ?? {};
    const missing = REQUIRED.filter(({ section, resource }) => !resources[section]?.[resource]);
    const who = containerName(deployment, container);
    if (missing.length === 0) {
      const { requests = {}, limits = {} } = resources;
      return pass(`${who} requests cpu ${requests.cpu}, memory ${requests.memory}; memory limit ${limits.memory}`);
    }
    const sections = (['requests', 'limits'] as const)
      .map((section) => {
        const entries = missing.filter((m) => m.section === section).map((m) => `${m.resource}: ${m.example}`);
        return entries.length ? `${section}: { ${entries.join(', ')} }` : '';
      })
      .filter(Boolean);
    return fail(
      `${who} has no ${missing.map((m) => `${m.section}.${m.resource}`).join(', ')}`,
      `add to container ${container.name}: resources: { ${sections.join(', ')} } (size from kubectl -n ${context.target.namespace} top pod)`,
    );
  },
};
