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
  // Stryker disable next-line ArrayDeclaration: a stand-in for no init containers has no env or envFrom, so it adds no reference either
  const initContainers = spec.initContainers ?? [];
  const containers = [...initContainers, ...spec.containers];
  return [
    ...containers.flatMap(containerReferences),
    // Stryker disable next-line ArrayDeclaration: a stand-in for no volumes has neither secret nor projected sources, so it adds no reference either
    ...(spec.volumes ?? []).flatMap((volume): SecretReference[] => {
      const usedBy = `volume ${volume.name}`;
      const direct = volume.secret
        ? [{ name: volume.secret.secretName, usedBy, optional: volume.secret.optional === true, kind: 'generic' as const }]
        : [];
      // Stryker disable next-line ArrayDeclaration: a stand-in for no projected sources has no secret, so it adds no reference either
      const projected = (volume.projected?.sources ?? []).flatMap((source) =>
        source.secret ? [{ name: source.secret.name, usedBy, optional: source.secret.optional === true, kind: 'generic' as const }] : [],
      );
      return [...direct, ...projected];
    }),
    ...(spec.imagePullSecrets ?? []).map(({ name }) => ({ name, usedBy: 'imagePullSecrets', optional: false, kind: 'image-pull' as const })),
  ];
}

function containerReferences(container: Container): SecretReference[] {
  // Stryker disable next-line ArrayDeclaration: a stand-in for no env has no valueFrom.secretKeyRef, so it adds no reference either
  const fromEnv = (container.env ?? []).flatMap((variable) => {
    const ref = variable.valueFrom?.secretKeyRef;
    return ref
      ? [{ name: ref.name, usedBy: `env ${variable.name} of container ${container.name}`, optional: ref.optional === true, kind: 'generic' as const }]
      : [];
  });
  // Stryker disable next-line ArrayDeclaration: a stand-in for no envFrom has no secretRef, so it adds no reference either
  const fromEnvFrom = (container.envFrom ?? []).flatMap(({ secretRef }) =>
    secretRef
      ? [{ name: secretRef.name, usedBy: `envFrom of container ${container.name}`, optional: secretRef.optional === true, kind: 'generic' as const }]
      : [],
  );
  return [...fromEnv, ...fromEnvFrom];
}
