import type { ClusterJobsPort } from './cluster-jobs.port.js';

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
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  };
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
  serviceAccountName?: string;
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
  resourceVersion?: string;
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

export interface ContainerStateView {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}

export interface ContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: ContainerStateView;
  lastState: ContainerStateView;
}

export interface Pod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** The pod-template-hash label: which ReplicaSet (revision) it belongs to. */
  podTemplateHash?: string;
  phase: string;
  containerStatuses: ContainerStatus[];
  initContainerStatuses: ContainerStatus[];
  createdAt?: string;
}

export interface ReplicaSet {
  name: string;
  namespace: string;
  /** deployment.kubernetes.io/revision */
  revision?: number;
  podTemplateHash?: string;
  /** The Deployment that owns it. */
  owner?: string;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  images: string[];
}

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
  count?: number;
  /** ISO 8601: lastTimestamp, or eventTime, or the creation time. */
  at?: string;
}

/** Stops a watch. */
export type StopWatching = () => void;

/** The cluster: what readiness checks and rollouts read and change, and the Jobs a migration runs (cluster-jobs.port.ts). */
export interface ClusterPort extends ClusterJobsPort {
  /** undefined when the Deployment does not exist (404). */
  getDeployment(namespace: string, name: string): Promise<Deployment | undefined>;
  /** Whether a Secret of that name exists; its data is never read into the domain. */
  secretExists(namespace: string, name: string): Promise<boolean>;
  listNetworkPolicies(namespace: string): Promise<NetworkPolicy[]>;

  /**
   * What `kubectl set image deployment/NAME CONTAINER=IMAGE` does: a strategic
   * merge patch of that one container's image. Returns the Deployment after it
   * (its metadata.generation is the one a rollout watch waits for).
   */
  setContainerImage(namespace: string, deployment: string, container: string, image: string): Promise<Deployment>;
  /**
   * Every version of one Deployment, from now on, through the watch API
   * (re-listing and re-watching by itself when the watch ends or expires).
   * `onChange` first gets the current object.
   */
  watchDeployment(namespace: string, name: string, onChange: (deployment: Deployment) => void, onError: (error: Error) => void): Promise<StopWatching>;
  /** The pods matching the labels, each time one of them changes (watch API), first with the current list. */
  watchPods(namespace: string, selector: Record<string, string>, onChange: (pods: Pod[]) => void, onError: (error: Error) => void): Promise<StopWatching>;
  listPods(namespace: string, selector: Record<string, string>): Promise<Pod[]>;
  listReplicaSets(namespace: string, selector: Record<string, string>): Promise<ReplicaSet[]>;
  /** Events about one object (e.g. a pod or the Deployment), newest last. */
  listEvents(namespace: string, involvedObjectName: string): Promise<KubeEvent[]>;
}
