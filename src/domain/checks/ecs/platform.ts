import type { EcsTaskDefinition } from '../../../ports/ecs.port.js';
import { fail, pass, skip, type Check } from '../check.js';
import { findImage } from '../ecr/find-image.js';
import { platformMatches } from '../ecr/platform-match.js';
import { revisionOf } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

/** ECS's cpuArchitecture values as OCI architectures. */
const ARCHITECTURES: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' };

/**
 * The arm64 trap: an image built on an Apple-silicon laptop (linux/arm64 only)
 * deployed to a Fargate task whose runtimePlatform is X86_64 — the default
 * when the task definition names none — never starts.
 */
export const platformCheck: Check = {
  id: 'ecs.platform',
  title: "Image has the task definition's platform",
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition } = located;
    const { found, skipped } = await findImage(context);
    if (skipped) return skipped;
    const { tag, repository } = found;
    const platforms = await context.facts.platforms();
    if (platforms.length === 0) return skip(`tag ${tag} names no platform (ecr.platform reports it)`);
    const { cpuArchitecture, required } = requiredPlatform(taskDefinition);
    const task = `${revisionOf(taskDefinition)} runs on ${cpuArchitecture} (${required})`;
    if (platforms.some((offered) => platformMatches(required, offered))) return pass(`${task}; tag ${tag} has it (${platforms.join(', ')})`);
    const has = platforms.length === 1 ? `${platforms[0]} only` : `${platforms.join(', ')}, not ${required}`;
    const other = Object.entries(ARCHITECTURES).find(([, arch]) => platforms.some((p) => platformMatches(`linux/${arch}`, p)));
    const orSwitch = other ? ` — or run the task on ${other[0]}: runtimePlatform: { cpuArchitecture: ${other[0]}, operatingSystemFamily: LINUX }` : '';
    return fail(
      `${task} but tag ${tag} is ${has}: its tasks stop with CannotPullContainerError (no matching manifest) or exec format error`,
      `rebuild and push: \`docker buildx build --platform ${required} -t ${repository.uri}:${tag} --push .\`${orSwitch}`,
    );
  },
};

/** The platform a task runs on: runtimePlatform, X86_64 and Linux when the task definition names none. */
function requiredPlatform(taskDefinition: EcsTaskDefinition): { cpuArchitecture: string; required: string } {
  const cpuArchitecture = taskDefinition.runtimePlatform?.cpuArchitecture ?? 'X86_64';
  const os = taskDefinition.runtimePlatform?.operatingSystemFamily?.startsWith('WINDOWS') ? 'windows' : 'linux';
  return { cpuArchitecture, required: `${os}/${ARCHITECTURES[cpuArchitecture] ?? cpuArchitecture.toLowerCase()}` };
}
