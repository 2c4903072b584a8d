import type { Deployment } from '../../../ports/cluster.port.js';

/** How findings name objects, the way kubectl prints them: "deployment/backend". */
export const deploymentName = (deployment: Pick<Deployment, 'name'>): string => `deployment/${deployment.name}`;

export const containerName = (deployment: Pick<Deployment, 'name'>, container: { name: string }): string =>
  `${deploymentName(deployment)} container ${container.name}`;
