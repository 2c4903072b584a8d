import type { Container, SecurityContext } from '../../../ports/cluster.port.js';
import { fail, pass, type Check } from '../check.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

interface Requirement {
  /** What the finding says when the requirement is not met. */
  problem(effective: SecurityContext): string;
  /** The YAML (flow style) that meets it, placed in the container's securityContext. */
  fix: string;
  met(effective: SecurityContext): boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    problem: (sc) => (sc.runAsUser === 0 ? 'runs as root (runAsUser 0)' : 'runAsNonRoot not true'),
    fix: 'runAsNonRoot: true',
    // An explicit runAsUser decides; without one, runAsNonRoot makes the kubelet refuse a root image user.
    met: (sc) => (sc.runAsUser === undefined ? sc.runAsNonRoot === true : sc.runAsUser > 0),
  },
  {
    problem: () => 'allowPrivilegeEscalation not false',
    fix: 'allowPrivilegeEscalation: false',
    met: (sc) => sc.allowPrivilegeEscalation === false,
  },
  {
    problem: () => 'capabilities not dropping ALL',
    fix: 'capabilities: { drop: [ALL] }',
    met: (sc) => sc.capabilities?.drop?.some((c) => c.toUpperCase() === 'ALL') === true,
  },
  {
    problem: () => 'root filesystem writable',
    fix: 'readOnlyRootFilesystem: true',
    met: (sc) => sc.readOnlyRootFilesystem === true,
  },
  {
    problem: (sc) => (sc.seccompProfile ? `seccompProfile ${sc.seccompProfile.type}` : 'no seccompProfile'),
    fix: 'seccompProfile: { type: RuntimeDefault }',
    met: (sc) => sc.seccompProfile?.type === 'RuntimeDefault' || sc.seccompProfile?.type === 'Localhost',
  },
  { problem: () => 'privileged', fix: 'privileged: false', met: (sc) => sc.privileged !== true },
];

/**
 * The container's settings over the pod's, for the fields Kubernetes inherits
 * from the pod level; the others exist only on the container.
 */
export function effectiveSecurityContext(pod: SecurityContext | undefined, container: Container): SecurityContext {
  const own = container.securityContext ?? {};
  const inherited = (key: 'runAsNonRoot' | 'runAsUser' | 'seccompProfile') => {
    const value = own[key] ?? pod?.[key];
    return value === undefined ? {} : { [key]: value };
  };
  return { ...own, ...inherited('runAsNonRoot'), ...inherited('runAsUser'), ...inherited('seccompProfile') };
}

export const securityContextCheck: Check = {
  id: 'k8s.security-context',
  title: 'Container security context',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    const effective = effectiveSecurityContext(deployment.spec.template.spec.securityContext, container);
    const unmet = REQUIREMENTS.filter((r) => !r.met(effective));
    const who = containerName(deployment, container);
    if (unmet.length === 0) return pass(`${who} runs as non-root, read-only, no privilege escalation, all capabilities dropped, seccomp on`);
    return fail(
      `${who}: ${unmet.map((r) => r.problem(effective)).join(', ')}`,
      `add to container ${container.name}: securityContext: { ${unmet.map((r) => r.fix).join(', ')} }`,
    );
  },
};
