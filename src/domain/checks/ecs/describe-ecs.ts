import type { EcsContainerDefinition, EcsService, EcsTaskDefinition } from '../../../ports/ecs.port.js';

/** How findings name ECS objects: "ECS service api in shop-staging", "shop-staging-api:7", "shop-staging-api:7 container api". */
export const serviceName = (service: Pick<EcsService, 'serviceName' | 'clusterArn'>): string =>
  `ECS service ${service.serviceName} in ${service.clusterArn.slice(service.clusterArn.lastIndexOf('/') + 1)}`;

export const revisionOf = (taskDefinition: Pick<EcsTaskDefinition, 'family' | 'revision'>): string =>
  `${taskDefinition.family}:${taskDefinition.revision}`;

export const containerName = (taskDefinition: Pick<EcsTaskDefinition, 'family' | 'revision'>, container: Pick<EcsContainerDefinition, 'name'>): string =>
  `${revisionOf(taskDefinition)} container ${container.name}`;
