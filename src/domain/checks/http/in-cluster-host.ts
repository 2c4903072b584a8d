const IN_CLUSTER_SUFFIXES = ['.svc', '.svc.cluster.local', '.cluster.local'] as const;

/** A Service DNS name that only resolves inside the cluster, where plain HTTP never crosses a public network. */
export function isInClusterHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return IN_CLUSTER_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
