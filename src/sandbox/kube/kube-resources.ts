import type { World, WorldNamespace } from '../world.js';
import { storedJobs } from './job-objects.js';
import { storedAnalysisRuns } from './analysis-run-objects.js';
import type { KubeObject } from './kube-objects.js';
import type { GroupResource } from './kube-status.js';
import type { KubeStore } from './kube-store.js';

/** The API server's verbs, as RBAC and audit logs name them. */
export type KubeVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

interface ResourceBase extends GroupResource {
  version: string;
  kind: string;
  /** Verbs the sandbox serves for this resource; any other is answered 405. */
  verbs: readonly KubeVerb[];
  /** Whether spec changes bump metadata.generation (and so a fresh object starts at 1). */
  tracksGeneration: boolean;
  /** A CustomResourceDefinition's resource: no strategic merge patch, and a status subresource. */
  custom?: true;
}

export interface NamespacedResource extends ResourceBase {
  namespaced: true;
  /** The objects of one namespace of the world; the same object each call, so stamped metadata sticks. */
  objectsIn(namespace: WorldNamespace, namespaceName: string, store: KubeStore): KubeObject[];
}

export interface ClusterResource extends ResourceBase {
  namespaced: false;
  objects(world: World, store: KubeStore): KubeObject[];
}

export type KubeResource = NamespacedResource | ClusterResource;

const READ: readonly KubeVerb[] = ['get', 'list'];
const WATCHED: readonly KubeVerb[] = ['get', 'list', 'watch'];
const PATCHED: readonly KubeVerb[] = ['get', 'list', 'watch', 'patch'];
const CREATED: readonly KubeVerb[] = ['get', 'list', 'watch', 'create', 'delete'];

// World files hold raw API objects; they are JSON, so reading them as KubeObject is sound.
const raw = (objects: Record<string, unknown>[]): KubeObject[] => objects as KubeObject[];

/** A Secret as the world describes it: a name only. Served with a small fake payload, never a real value. */
function secretObject(namespace: string, name: string): KubeObject {
  const fake = Buffer.from('sandbox-value').toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: { value: fake } };
}

function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function namespaced(
  group: string,
  version: string,
  resource: string,
  kind: string,
  objectsIn: NamespacedResource['objectsIn'],
  tracksGeneration = false,
  verbs: readonly KubeVerb[] = READ,
): NamespacedResource {
  return { group, version, resource, kind, namespaced: true, verbs, tracksGeneration, objectsIn };
}

export const KUBE_RESOURCES: readonly KubeResource[] = [
  namespaced('apps', 'v1', 'deployments', 'Deployment', (ns) => raw(ns.deployments), true, PATCHED),
  // ReplicaSets, Pods and Events are the rollout controller's (rollout-controller.ts).
  namespaced('apps', 'v1', 'replicasets', 'ReplicaSet', (_ns, name, store) => store.derivedIn(name).replicasets, true, WATCHED),
  namespaced('', 'v1', 'pods', 'Pod', (_ns, name, store) => store.derivedIn(name).pods, false, WATCHED),
  namespaced('', 'v1', 'events', 'Event', (_ns, name, store) => store.derivedIn(name).events, false, WATCHED),
  namespaced('', 'v1', 'secrets', 'Secret', (ns, namespace, store) =>
    ns.secrets.map((name) => store.remember(`secrets/${namespace}/${name}`, () => secretObject(namespace, name))),
  ),
  // Jobs are created through the API and run by the Job controller (job-controller.ts).
  namespaced('batch', 'v1', 'jobs', 'Job', (_ns, name, store) => storedJobs(store, name), true, CREATED),
  // Argo Rollouts' custom resources, run by rollout-argo-controller.ts; AnalysisRuns are made by it.
  { ...namespaced('argoproj.io', 'v1alpha1', 'rollouts', 'Rollout', (ns) => raw(ns.rollouts ?? []), true, PATCHED), custom: true },
  { ...namespaced('argoproj.io', 'v1alpha1', 'analysisruns', 'AnalysisRun', (_ns, name, store) => storedAnalysisRuns(store, name), true, WATCHED), custom: true },
  namespaced('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', (ns) => raw(ns.networkPolicies), true),
  {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    verbs: READ,
    tracksGeneration: false,
    objects: (world, store) =>
      Object.keys(world.kubernetes.namespaces).map((name) => store.remember(`namespaces/${name}`, () => namespaceObject(name))),
  },
];

/** The key changes of a resource are published under, e.g. "apps/deployments" or "/pods". */
export const resourceKeyOf = (r: GroupResource): string => `${r.group}/${r.resource}`;

export function findResource(group: string, version: string, resource: string): KubeResource | undefined {
  return KUBE_RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** "apps/v1", or "v1" for the core group. */
export const groupVersionOf = (r: { group: string; version: string }): string => (r.group ? `${r.group}/${r.version}` : r.version);
