import type { EcsContainerDefinition } from '../../../ports/ecs.port.js';
import { fail, pass, type Check } from '../check.js';
import { containerName } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

interface Requirement {
  /** What the finding says when the requirement is not met. */
  problem(container: EcsContainerDefinition): string;
  /** The container definition field (JSON) that meets it. */
  fix: string;
  met(container: EcsContainerDefinition): boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    problem: (c) => (c.user === undefined ? "no user: runs as the image's, root unless its Dockerfile sets USER" : `runs as root (user ${c.user})`),
    fix: '"user": "1000:1000"',
    met: (c) => c.user !== undefined && !isRoot(c.user),
  },
  {
    problem: () => 'root filesystem writable',
    fix: '"readonlyRootFilesystem": true',
    met: (c) => c.readonlyRootFilesystem === true,
  },
  { problem: () => 'privileged', fix: '"privileged": false', met: (c) => c.privileged !== true },
];

/** ECS's `user` is user, user:group, uid or uid:gid; the user part decides. */
function isRoot(user: string): boolean {
  const name = user.split(':', 1)[0]!.trim();
  return name === 'root' || name === '0';
}

export const securityContextCheck: Check = {
  id: 'ecs.security-context',
  title: 'Container runs as non-root, read-only, unprivileged',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition, container } = located;
    const unmet = REQUIREMENTS.filter((r) => !r.met(container));
    const who = containerName(taskDefinition, container);
    if (unmet.length === 0) return pass(`${who} runs as user ${container.user}, read-only root filesystem, not privileged`);
    return fail(
      `${who}: ${unmet.map((r) => r.problem(container)).join(', ')}`,
      `set in container ${container.name}'s definition: ${unmet.map((r) => r.fix).join(', ')} (with a writable volume mounted where it must write)`,
    );
  },
};
