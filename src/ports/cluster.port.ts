/**
 * The Kubernetes objects the domain reads, as a subset of their JSON shape
 * (field names as in the API). Adapters copy what they receive into these.
 */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type: string; localhostProfile?: string };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  exec?: { command?: string[] };
  grpc?: { port: number };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

export interface Container {
  name: string;
  image: string;
  securityContext?: SecurityContext;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  env?: EnvVar[];
  envFrom?: { secretRef?: { name: string; optional?: boolean }; configMapRef?: { name: string } }[];
}

export interface Volume {
  name: string;
  secret?: { secretName: string; optional?: boolean };
  projected?: { sources?: { secret?: { name: string; optional?: boolean } }[] };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  imagePullSecrets?: { name: string }[];
  securityContext?: SecurityContext;
  affinity?: { podAntiAffinity?: Record<string, unknown> };
  topologySpreadConstraints?: { topologyKey: string; maxSkew: number; whenUnsatisfiable?: string }[];
}

export interface DeploymentCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Deployment {
  name: string;
  namespace: string;
  generation?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: { labels: Record<string, string>; spec: PodSpec };
    progressDeadlineSeconds?: number;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions: DeploymentCondition[];
  };
}

export interface NetworkPolicy {
  name: string;
  podSelector: LabelSelector;
  policyTypes?: string[];
}

export interface ClusterPort {
  /** undefined when the Deployment does not exist (404). */
  getDeployment(namespace: string, name: string): Promise<Deployment | undefined>;
  /** Whether a Secret of that name exists; its data is never read into the domain. */
  secretExists(namespace: string, name: string): Promise<boolean>;
  listNetworkPolicies(namespace: string): Promise<NetworkPolicy[]>;
}
