import type { ClusterPort, Container, Deployment, NetworkPolicy } from '../../src/ports/cluster.port.js';
import type { EcrRepository } from '../../src/ports/ecr.port.js';

export const BACKEND_REPOSITORY_URI = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';

export function healthyContainer(overrides: Partial<Container> = {}): Container {
  return {
    name: 'backend',
    image: `${BACKEND_REPOSITORY_URI}:1.1.0`,
    envFrom: [{ secretRef: { name: 'backend-env' } }],
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    readinessProbe: { httpGet: { path: '/health', port: 8080 } },
    livenessProbe: { httpGet: { path: '/health', port: 8080 } },
    ...overrides,
  };
}

/** The backend Deployment of the healthy world, as the cluster port returns it; `edit` changes a fresh copy. */
export function healthyDeployment(edit: (d: Deployment) => void = () => undefined): Deployment {
  const deployment: Deployment = {
    name: 'backend',
    namespace: 'shop-staging',
    generation: 4,
    labels: { app: 'backend' },
    annotations: { 'deployment.kubernetes.io/revision': '4' },
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'backend' } },
      template: {
        labels: { app: 'backend' },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
          imagePullSecrets: [{ name: 'registry-pull' }],
          containers: [healthyContainer()],
        },
      },
    },
    status: {
      observedGeneration: 4,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  };
  edit(deployment);
  return deployment;
}

/** The first (service) container of a Deployment, for edits in tests. */
export function mainContainer(deployment: Deployment): Container {
  const container = deployment.spec.template.spec.containers[0];
  if (!container) throw new Error(`deployment/${deployment.name} has no containers`);
  return container;
}

export const shopDefaultPolicy = (): NetworkPolicy => ({
  name: 'shop-default',
  podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['backend', 'frontend', 'ml'] }] },
  policyTypes: ['Ingress'],
});

export const backendRepository = (): EcrRepository => ({ name: 'shop/backend', uri: BACKEND_REPOSITORY_URI, scanOnPush: true });

/** A cluster port answering from memory: the Deployment (or none), the Secrets that exist and the policies. */
export function clusterWith(
  options: { deployment?: Deployment | undefined; secrets?: string[]; networkPolicies?: NetworkPolicy[] } = {},
): Pick<ClusterPort, 'getDeployment' | 'secretExists' | 'listNetworkPolicies'> {
  const deployment = 'deployment' in options ? options.deployment : healthyDeployment();
  const secrets = options.secrets ?? ['backend-env', 'registry-pull'];
  return {
    getDeployment: async (_namespace, name) => (deployment?.name === name ? deployment : undefined),
    secretExists: async (_namespace, name) => secrets.includes(name),
    listNetworkPolicies: async () => options.networkPolicies ?? [shopDefaultPolicy()],
  };
}
