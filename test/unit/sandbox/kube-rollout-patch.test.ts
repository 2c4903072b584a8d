import { describe, expect, it } from 'vitest';
import { applyMergePatch, applyStrategicMergePatch } from '../../../src/sandbox/kube/kube-patch-documents.js';

const deployment = () => ({
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'backend', image: 'repo/backend:1.1.0', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 8080 }] },
          { name: 'proxy', image: 'envoy:1.30' },
        ],
      },
    },
  },
});

describe('strategic merge patch', () => {
  it('given two containers, when kubectl set image patches one by name, then only its image changes and the other is kept', () => {
    const patched = applyStrategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'backend', image: 'repo/backend:1.2.0' }] } } } });

    expect(patched).toEqual({
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'backend', image: 'repo/backend:1.2.0', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 8080 }] },
              { name: 'proxy', image: 'envoy:1.30' },
            ],
          },
        },
      },
    });
  });

  it('given a container name not in the list, when patched, then it is appended, as the API server does', () => {
    const patched = applyStrategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'x:1' }] } } } }) as ReturnType<typeof deployment>;

    expect(patched.spec.template.spec.containers.map((c) => c.name)).toEqual(['backend', 'proxy', 'sidecar']);
  });

  it('given $patch: delete and null, when patched, then the container is removed and the field deleted', () => {
    const patched = applyStrategicMergePatch(deployment(), {
      spec: { replicas: null, template: { spec: { containers: [{ name: 'proxy', $patch: 'delete' }] } } },
    }) as { spec: { replicas?: number; template: { spec: { containers: { name: string }[] } } } };

    expect(patched.spec.replicas).toBeUndefined();
    expect(patched.spec.template.spec.containers.map((c) => c.name)).toEqual(['backend']);
  });

  it('given env merged by name, when one variable changes, then the others stay', () => {
    const patched = applyStrategicMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'backend', env: [{ name: 'B', value: '2' }] }] } } },
    }) as ReturnType<typeof deployment>;

    expect(patched.spec.template.spec.containers[0]!.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });
});

describe('merge patch (RFC 7386)', () => {
  it('given a containers list in the patch, when merged, then the list replaces the old one whole', () => {
    const patched = applyMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'backend', image: 'b:2' }] } } } }) as ReturnType<typeof deployment>;

    expect(patched.spec.template.spec.containers).toEqual([{ name: 'backend', image: 'b:2' }]);
    expect(patched.spec.replicas).toBe(2);
  });
});
