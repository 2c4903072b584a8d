import { groupVersionOf, KUBE_RESOURCES } from './kube-resources.js';
import type { KubeRoute } from './kube-routes.js';

/** What /version reports: a recent Kubernetes release, marked as the sandbox's. */
export const SANDBOX_KUBE_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-08-13T00:00:00Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

type DiscoveryRoute = Exclude<KubeRoute, { type: 'resource' } | { type: 'unknown' }>;

/** The discovery document (or /version) for a route; undefined when the group or version is not served. */
export function discoveryDocument(route: DiscoveryRoute, serverAddress: string): unknown {
  switch (route.type) {
    case 'version':
      return SANDBOX_KUBE_VERSION;
    case 'core-versions':
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
    case 'group-list':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups().map(apiGroup) };
    case 'group':
      return namedGroups().includes(route.group) ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(route.group) } : undefined;
    case 'resource-list':
      return resourceList(route.group, route.version);
  }
}

function namedGroups(): string[] {
  return [...new Set(KUBE_RESOURCES.map((r) => r.group).filter((g) => g !== ''))].sort();
}

function apiGroup(name: string) {
  const versions = [...new Set(KUBE_RESOURCES.filter((r) => r.group === name).map((r) => r.version))].map((version) => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
  return { name, versions, preferredVersion: versions[0] };
}

function resourceList(group: string, version: string) {
  const resources = KUBE_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf({ group, version }),
    resources: resources.map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
    })),
  };
}
