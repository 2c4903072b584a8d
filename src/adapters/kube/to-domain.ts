import type {
  V1Container,
  V1Deployment,
  V1EnvFromSource,
  V1EnvVar,
  V1LabelSelector,
  V1NetworkPolicy,
  V1PodSecurityContext,
  V1PodSpec,
  V1Probe,
  V1SecurityContext,
  V1Volume,
} from '@kubernetes/client-node';
import type {
  Container,
  Deployment,
  EnvVar,
  LabelSelector,
  NetworkPolicy,
  PodSpec,
  Probe,
  SecurityContext,
  Volume,
} from '../../ports/cluster.port.js';

/**
 * Copies what the domain declares from client-node's models into plain
 * domain objects: nothing else (no managedFields, no Secret data), no
 * `undefined` keys, and {} / [] where the domain wants a value.
 */
export function toDeployment(deployment: V1Deployment): Deployment {
  const { metadata = {}, spec, status = {} } = deployment;
  const template = spec?.template;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    ...defined({ generation: metadata.generation }),
    labels: { ...metadata.labels },
    annotations: { ...metadata.annotations },
    spec: {
      ...defined({ replicas: spec?.replicas, progressDeadlineSeconds: spec?.progressDeadlineSeconds }),
      selector: toLabelSelector(spec?.selector),
      template: { labels: { ...template?.metadata?.labels }, spec: toPodSpec(template?.spec) },
    },
    status: {
      ...defined({
        observedGeneration: status.observedGeneration,
        replicas: status.replicas,
        updatedReplicas: status.updatedReplicas,
        readyReplicas: status.readyReplicas,
        availableReplicas: status.availableReplicas,
        unavailableReplicas: status.unavailableReplicas,
      }),
      conditions: (status.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        ...defined({ reason: c.reason, message: c.message }),
      })),
    },
  };
}

export function toNetworkPolicy(policy: V1NetworkPolicy): NetworkPolicy {
  return {
    name: policy.metadata?.name ?? '',
    // An empty podSelector selects every pod of the namespace.
    podSelector: toLabelSelector(policy.spec?.podSelector),
    ...defined({ policyTypes: policy.spec?.policyTypes && [...policy.spec.policyTypes] }),
  };
}

type Operator = NonNullable<LabelSelector['matchExpressions']>[number]['operator'];

function toLabelSelector(selector: V1LabelSelector | undefined): LabelSelector {
  return defined({
    matchLabels: selector?.matchLabels && { ...selector.matchLabels },
    matchExpressions: selector?.matchExpressions?.map((e) => ({
      key: e.key,
      // The API server validates operators, so only these four arrive.
      operator: e.operator as Operator,
      ...defined({ values: e.values && [...e.values] }),
    })),
  });
}

export function toPodSpec(spec: V1PodSpec | undefined): PodSpec {
  return {
    containers: (spec?.containers ?? []).map(toContainer),
    ...defined({
      initContainers: spec?.initContainers?.map(toContainer),
      volumes: spec?.volumes?.map(toVolume),
      imagePullSecrets: spec?.imagePullSecrets?.map((s) => ({ name: s.name ?? '' })),
      serviceAccountName: spec?.serviceAccountName || undefined,
      securityContext: spec?.securityContext && toSecurityContext(spec.securityContext),
      affinity: spec?.affinity && defined({ podAntiAffinity: spec.affinity.podAntiAffinity && { ...spec.affinity.podAntiAffinity } }),
      topologySpreadConstraints: spec?.topologySpreadConstraints?.map((t) => ({
        topologyKey: t.topologyKey,
        maxSkew: t.maxSkew,
        ...defined({ whenUnsatisfiable: t.whenUnsatisfiable }),
      })),
    }),
  };
}

function toContainer(container: V1Container): Container {
  return {
    name: container.name,
    image: container.image ?? '',
    ...defined({
      securityContext: container.securityContext && toSecurityContext(container.securityContext),
      resources:
        container.resources &&
        defined({
          limits: container.resources.limits && { ...container.resources.limits },
          requests: container.resources.requests && { ...container.resources.requests },
        }),
      readinessProbe: container.readinessProbe && toProbe(container.readinessProbe),
      livenessProbe: container.livenessProbe && toProbe(container.livenessProbe),
      startupProbe: container.startupProbe && toProbe(container.startupProbe),
      env: container.env?.map(toEnvVar),
      envFrom: container.envFrom?.map(toEnvFrom),
    }),
  };
}

function toSecurityContext(context: V1SecurityContext | V1PodSecurityContext): SecurityContext {
  // Container and pod security contexts share runAsNonRoot, runAsUser and seccompProfile; the rest is container-only.
  const { capabilities, allowPrivilegeEscalation, privileged, readOnlyRootFilesystem } = context as V1SecurityContext;
  const { seccompProfile } = context;
  return defined({
    runAsNonRoot: context.runAsNonRoot,
    runAsUser: context.runAsUser,
    allowPrivilegeEscalation,
    privileged,
    readOnlyRootFilesystem,
    capabilities:
      capabilities && defined({ add: capabilities.add && [...capabilities.add], drop: capabilities.drop && [...capabilities.drop] }),
    seccompProfile: seccompProfile && { type: seccompProfile.type, ...defined({ localhostProfile: seccompProfile.localhostProfile }) },
  });
}

function toProbe(probe: V1Probe): Probe {
  return defined({
    httpGet: probe.httpGet && { port: probe.httpGet.port, ...defined({ path: probe.httpGet.path, scheme: probe.httpGet.scheme }) },
    tcpSocket: probe.tcpSocket && { port: probe.tcpSocket.port },
    exec: probe.exec && defined({ command: probe.exec.command && [...probe.exec.command] }),
    grpc: probe.grpc && { port: probe.grpc.port },
  });
}

function toEnvVar(env: V1EnvVar): EnvVar {
  const { secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef } = env.valueFrom ?? {};
  const keyRef = (ref: typeof secretKeyRef) => ref && { name: ref.name ?? '', key: ref.key, ...defined({ optional: ref.optional }) };
  return {
    name: env.name,
    ...defined({
      value: env.value,
      // Every source is kept: a migration Job copies the container's environment as it is.
      valueFrom:
        env.valueFrom &&
        defined({
          secretKeyRef: keyRef(secretKeyRef),
          configMapKeyRef: keyRef(configMapKeyRef),
          fieldRef: fieldRef && { fieldPath: fieldRef.fieldPath, ...defined({ apiVersion: fieldRef.apiVersion }) },
          resourceFieldRef:
            resourceFieldRef && { resource: resourceFieldRef.resource, ...defined({ containerName: resourceFieldRef.containerName, divisor: resourceFieldRef.divisor }) },
        }),
    }),
  };
}

function toEnvFrom(source: V1EnvFromSource): NonNullable<Container['envFrom']>[number] {
  return defined({
    secretRef: source.secretRef && { name: source.secretRef.name ?? '', ...defined({ optional: source.secretRef.optional }) },
    configMapRef: source.configMapRef && { name: source.configMapRef.name ?? '' },
  });
}

function toVolume(volume: V1Volume): Volume {
  const { secret, projected } = volume;
  return {
    name: volume.name,
    ...defined({
      secret: secret && { secretName: secret.secretName ?? '', ...defined({ optional: secret.optional }) },
      projected:
        projected &&
        defined({
          sources: projected.sources?.map((s) =>
            defined({ secret: s.secret && { name: s.secret.name ?? '', ...defined({ optional: s.secret.optional }) } }),
          ),
        }),
    }),
  };
}

/** The object without its undefined-valued keys, so optional fields are absent rather than present and undefined. */
export function defined<T extends object>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
