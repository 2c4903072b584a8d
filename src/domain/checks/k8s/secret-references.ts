import type { Container, PodSpec } from '../../../ports/cluster.port.js';

export interface SecretReference {
  name: string;
  /** Where the pod template uses it, e.g. "env DB_PASSWORD of container backend", "imagePullSecrets". */
  usedBy: string;
  optional: boolean;
  kind: 'generic' | 'image-pull';
}

/** Every Secret the pod template needs, from all containers, init containers, volumes and imagePullSecrets. */
export function secretReferences(spec: PodSpec): SecretReference[] {
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  return [
    ...containers.flatMap(containerReferences),
    ...(spec.volumes ?? []).flatMap((volume): SecretReference[] => {
      const usedBy = `volume ${volume.name}`;
      const direct = volume.secret
        ? [{ name: volume.secret.secretName, usedBy, optional: volume.secret.optional === true, kind: 'generic' as const }]
        : [];
      const projected = (volume.projected?.sources ?? []).flatMap((source) =>
        source.secret ? [{ name: source.secret.name, usedBy, optional: source.secret.optional === true, kind: 'generic' as const }] : [],
      );
      return [...direct, ...projected];
    }),
    ...(spec.imagePullSecrets ?? []).map(({ name }) => ({ name, usedBy: 'imagePullSecrets', optional: false, kind: 'image-pull' as const })),
  ];
}

function containerReferences(container: Container): SecretReference[] {
  const fromEnv = (container.env ?? []).flatMap((variable) => {
    const ref = variable.valueFrom?.secretKeyRef;
    return ref
      ? [{ name: ref.name, usedBy: `env ${variable.name} of container ${container.name}`, optional: ref.optional === true, kind: 'generic' as const }]
      : [];
  });
  const fromEnvFrom = (container.envFrom ?? []).flatMap(({ secretRef }) =>
    secretRef
      ? [{ name: secretRef.name, usedBy: `envFrom of container ${container.name}`, optional: secretRef.optional === true, kind: 'generic' as const }]
      : [],
  );
  return [...fromEnv, ...fromEnvFrom];
}
