import type { World } from '../world.js';
import { stampMetadata, type KubeObject } from './kube-objects.js';
import type { KubeResource } from './kube-resources.js';
import type { KubeStore } from './kube-store.js';

/**
 * The objects of a resource as the API server stores them: metadata filled in,
 * ordered by namespace then name (etcd's key order). `namespace` undefined
 * means across all namespaces (or a cluster-scoped resource).
 * A namespace the world does not have holds nothing, as on a real server.
 */
export function readCollection(world: World, store: KubeStore, resource: KubeResource, namespace?: string): KubeObject[] {
  const stamp = (object: KubeObject, ns?: string) =>
    stampMetadata(object, {
      identity: `${resource.group}/${resource.resource}/${ns ?? ''}/${String(object.metadata?.name)}`,
      ...(ns ? { namespace: ns } : {}),
      tracksGeneration: resource.tracksGeneration,
      store,
    });
  if (!resource.namespaced) return sortByKey(resource.objects(world, store).map((o) => stamp(o)));
  const namespaces = namespace === undefined ? Object.keys(world.kubernetes.namespaces) : [namespace];
  const objects = namespaces.flatMap((ns) => {
    const worldNamespace = world.kubernetes.namespaces[ns];
    return worldNamespace ? resource.objectsIn(worldNamespace, ns, store).map((o) => stamp(o, ns)) : [];
  });
  return sortByKey(objects);
}

/** etcd's key for an object, which orders lists and anchors continue tokens. */
export const storageKey = (object: KubeObject): string => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

function sortByKey(objects: KubeObject[]): KubeObject[] {
  return objects.sort((a, b) => (storageKey(a) < storageKey(b) ? -1 : storageKey(a) > storageKey(b) ? 1 : 0));
}
