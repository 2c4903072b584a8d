import type { V1Deployment, V1NetworkPolicy } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { toDeployment, toNetworkPolicy } from '../../../src/adapters/kube/to-domain.js';

function deployment(overrides: Partial<V1Deployment> = {}): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'backend',
      namespace: 'shop-staging',
      generation: 3,
      uid: '0a1b2c3d',
      resourceVersion: '42',
      labels: { app: 'backend' },
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'backend' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }] },
      template: {
        metadata: { labels: { app: 'backend' } },
        spec: {
          containers: [
            {
              name: 'backend',
              image: 'repo/backend:1.1.0',
              ports: [{ containerPort: 8080 }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'db', key: 'host', optional: true } } },
                { name: 'MEMORY', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              ],
              envFrom: [{ secretRef: { name: 'backend-env', optional: true } }, { configMapRef: { name: 'backend-config' } }],
              startupProbe: { tcpSocket: { port: 'http' }, periodSeconds: 5 },
              livenessProbe: { exec: { command: ['/bin/check'] } },
              readinessProbe: { grpc: { port: 9000 } },
            },
          ],
          initContainers: [{ name: 'migrate', image: 'repo/migrate:1' }],
          serviceAccountName: 'backend',
          volumes: [
            { name: 'tls', secret: { secretName: 'backend-tls', defaultMode: 0o400 } },
            { name: 'bundle', projected: { sources: [{ secret: { name: 'bundle', optional: false } }, { configMap: { name: 'cm' } }] } },
          ],
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] }, nodeAffinity: {} },
        },
      },
    },
    status: { replicas: 2, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: new Date(0) }] },
    ...overrides,
  };
}

describe('toDeployment', () => {
  it('given a full Deployment, when mapping, then only the fields the domain declares are copied', () => {
    // when
    const result = toDeployment(deployment());

    // then
    expect(result).toEqual({
      name: 'backend',
      namespace: 'shop-staging',
      generation: 3,
      labels: { app: 'backend' },
      annotations: {},
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'backend' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }] },
        template: {
          labels: { app: 'backend' },
          spec: {
            containers: [
              {
                name: 'backend',
                image: 'repo/backend:1.1.0',
                env: [
                  { name: 'LOG_LEVEL', value: 'info' },
                  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                  { name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'db', key: 'host', optional: true } } },
                  { name: 'MEMORY', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
                ],
                envFrom: [{ secretRef: { name: 'backend-env', optional: true } }, { configMapRef: { name: 'backend-config' } }],
                startupProbe: { tcpSocket: { port: 'http' } },
                livenessProbe: { exec: { command: ['/bin/check'] } },
                readinessProbe: { grpc: { port: 9000 } },
              },
            ],
            initContainers: [{ name: 'migrate', image: 'repo/migrate:1' }],
            serviceAccountName: 'backend',
            volumes: [
              { name: 'tls', secret: { secretName: 'backend-tls' } },
              { name: 'bundle', projected: { sources: [{ secret: { name: 'bundle', optional: false } }, {}] } },
            ],
            affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
          },
        },
      },
      status: { replicas: 2, conditions: [{ type: 'Available', status: 'True' }] },
    });
  });

  it('given optional fields are absent, when mapping, then they are absent rather than undefined', () => {
    const result = toDeployment(deployment());
    const container = result.spec.template.spec.containers[0]!;

    expect(Object.keys(container)).not.toContain('securityContext');
    expect(Object.keys(container)).not.toContain('resources');
    expect(Object.keys(result.spec)).not.toContain('progressDeadlineSeconds');
    expect(Object.keys(result.status)).not.toContain('availableReplicas');
  });

  it('given a Deployment without labels, annotations, status or template labels, when mapping, then they default to empty', () => {
    const result = toDeployment({ metadata: { name: 'bare', namespace: 'ns' }, spec: { selector: {}, template: {} } });

    expect(result.labels).toEqual({});
    expect(result.annotations).toEqual({});
    expect(result.status).toEqual({ conditions: [] });
    expect(result.spec.template).toEqual({ labels: {}, spec: { containers: [] } });
  });

  it('given security contexts, when mapping, then container and pod fields are kept apart', () => {
    const source = deployment();
    source.spec!.template.spec!.securityContext = { runAsNonRoot: true, runAsUser: 10001, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } };
    source.spec!.template.spec!.containers[0]!.securityContext = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    };

    const spec = toDeployment(source).spec.template.spec;

    expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0]!.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
  });
});

describe('toNetworkPolicy', () => {
  it('given a policy, when mapping, then name, podSelector and policyTypes are copied and rules are not', () => {
    const policy: V1NetworkPolicy = {
      metadata: { name: 'shop-default', namespace: 'shop-staging' },
      spec: { podSelector: { matchLabels: { app: 'backend' } }, policyTypes: ['Ingress'], ingress: [{ _from: [] }] },
    };

    expect(toNetworkPolicy(policy)).toEqual({ name: 'shop-default', podSelector: { matchLabels: { app: 'backend' } }, policyTypes: ['Ingress'] });
  });

  it('given a policy without podSelector, when mapping, then it selects every pod', () => {
    expect(toNetworkPolicy({ metadata: { name: 'all' }, spec: {} })).toEqual({ name: 'all', podSelector: {} });
  });
});
