import type { Container, Deployment } from '../../../ports/cluster.port.js';

/** The named container of the Deployment's pod template (init containers are not candidates). */
export function findContainer(deployment: Deployment, name: string): Container | undefined {
  return deployment.spec.template.spec.containers.find((c) => c.name === name);
}
