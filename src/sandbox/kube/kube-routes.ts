/**
 * Where a request path points in the Kubernetes REST API: /version, a
 * discovery document, or a resource path
 * (/api/v1/namespaces/NS/secrets/NAME, /apis/GROUP/VERSION/RESOURCE, ...).
 * Only the shape of the path is read here; whether the resource exists is the
 * handler's business.
 */
export type KubeRoute =
  | { type: 'version' }
  | { type: 'core-versions' }
  | { type: 'group-list' }
  | { type: 'group'; group: string }
  | { type: 'resource-list'; group: string; version: string }
  | ResourceRoute
  /** Under /api or /apis, but no path the API server serves. */
  | { type: 'unknown' };

export interface ResourceRoute {
  type: 'resource';
  /** '' for the core group (/api/v1). */
  group: string;
  version: string;
  resource: string;
  /** Absent for cluster-scoped resources and for lists across all namespaces. */
  namespace?: string;
  /** Absent for collections. */
  name?: string;
  /** e.g. "status", "scale". */
  subresource?: string;
}

/** undefined when the path is not the Kubernetes API's. */
export function parseKubeRoute(pathname: string): KubeRoute | undefined {
  const segments = pathname.split('/').filter((s) => s !== '');
  const [root] = segments;
  if (root === 'version' && segments.length === 1) return { type: 'version' };
  if (root !== 'api' && root !== 'apis') return undefined;
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return { type: 'unknown' };
  }
  if (root === 'api') {
    const [, version, ...rest] = decoded;
    if (version === undefined) return { type: 'core-versions' };
    if (rest.length === 0) return { type: 'resource-list', group: '', version };
    return resourceRoute('', version, rest);
  }
  const [, group, version, ...rest] = decoded;
  if (group === undefined) return { type: 'group-list' };
  if (version === undefined) return { type: 'group', group };
  if (rest.length === 0) return { type: 'resource-list', group, version };
  return resourceRoute(group, version, rest);
}

function resourceRoute(group: string, version: string, rest: string[]): KubeRoute {
  const base = { type: 'resource' as const, group, version };
  const [first, second, resource, name, subresource, ...extra] = rest;
  if (first === undefined) return { type: 'unknown' };
  // namespaces/NS/RESOURCE[/NAME[/SUBRESOURCE]]: a namespaced resource
  if (first === 'namespaces' && second !== undefined && resource !== undefined) {
    if (extra.length > 0) return { type: 'unknown' };
    return {
      ...base,
      resource,
      namespace: second,
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
    };
  }
  // RESOURCE[/NAME[/SUBRESOURCE]]: cluster-scoped, or a list across namespaces
  if (rest.length > 3) return { type: 'unknown' };
  return {
    ...base,
    resource: first,
    ...(second !== undefined ? { name: second } : {}),
    ...(resource !== undefined ? { subresource: resource } : {}),
  };
}
