import { ecsRuntimeOf } from '../aws/ecs-runtime.js';
import type { SandboxState } from '../sandbox-state.js';

export interface RunningWorkload {
  /** The label naming where it runs: a Kubernetes namespace or an ECS cluster. */
  scope: 'namespace' | 'cluster';
  where: string;
  /** The tag of the image it runs now (its Deployment's template, its ECS service's primary deployment). */
  tag: string | undefined;
}

/** Every Deployment and ECS service named `app`, with the image tag it runs now. */
export function runningWorkloads(state: SandboxState, app: string, now: number): RunningWorkload[] {
  const found: RunningWorkload[] = [];
  for (const [namespace, contents] of Object.entries(state.world.kubernetes.namespaces)) {
    for (const deployment of contents.deployments) {
      if ((deployment.metadata as { name?: string } | undefined)?.name !== app) continue;
      const containers = ((deployment.spec as { template?: { spec?: { containers?: { name?: string; image?: string }[] } } } | undefined)?.template?.spec?.containers ?? []);
      const container = containers.find((c) => c.name === app) ?? containers[0];
      found.push({ scope: 'namespace', where: namespace, tag: tagOf(container?.image) });
    }
  }
  if (!state.world.ecs) return found;
  const runtime = ecsRuntimeOf(state, now);
  for (const cluster of runtime.clusters.values()) {
    const service = cluster.services.get(app);
    const primary = service?.deployments[0];
    if (!primary) continue;
    const definition = runtime.taskDefinitions.find(primary.taskDefinition);
    const containers = (definition?.containerDefinitions ?? []) as { name?: string; image?: string }[];
    const container = containers.find((c) => c.name === app) ?? containers[0];
    found.push({ scope: 'cluster', where: cluster.name, tag: tagOf(container?.image) });
  }
  return found;
}

/** repo:TAG or repo:TAG@sha256:… → TAG (a registry's port is not a tag). */
export function tagOf(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const name = image.split('@', 1)[0]!;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}
