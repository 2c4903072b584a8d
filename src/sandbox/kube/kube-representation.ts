import type { KubeRepresentation } from './kube-accept.js';
import type { KubeObject } from './kube-objects.js';
import { groupVersionOf, type KubeResource } from './kube-resources.js';

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface KubeList {
  kind: string;
  apiVersion: string;
  metadata: ListMeta;
  items: KubeObject[];
}

const META_GROUP_VERSION = 'meta.k8s.io/v1';

/** One object as the API server writes it: kind and apiVersion first, always set. */
export function objectBody(object: KubeObject, resource: KubeResource, representation: KubeRepresentation): KubeObject {
  if (representation === 'metadata') return { kind: 'PartialObjectMetadata', apiVersion: META_GROUP_VERSION, metadata: object.metadata };
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return { kind: resource.kind, apiVersion: groupVersionOf(resource), ...rest };
}

/** A list: `DeploymentList` and the like, whose items carry no kind or apiVersion of their own. */
export function listBody(items: KubeObject[], resource: KubeResource, representation: KubeRepresentation, metadata: ListMeta): KubeList {
  if (representation === 'metadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: META_GROUP_VERSION,
      metadata,
      items: items.map((item) => objectBody(item, resource, 'metadata')),
    };
  }
  return {
    kind: `${resource.kind}List`,
    apiVersion: groupVersionOf(resource),
    metadata,
    items: items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
  };
}
