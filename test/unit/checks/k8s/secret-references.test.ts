import { describe, expect, it } from 'vitest';
import { secretReferences } from '../../../../src/domain/checks/k8s/secret-references.js';
import { healthyContainer } from '../../../support/k8s-builders.js';

describe('secretReferences', () => {
  it('given a pod spec naming Secrets every way, when listed, then each comes with where it is used, whether optional and its kind', () => {
    // given
    const spec = {
      initContainers: [healthyContainer({ name: 'migrate', envFrom: [{ secretRef: { name: 'migrate-env', optional: true } }] })],
      containers: [
        healthyContainer({
          envFrom: [{ configMapRef: { name: 'backend-config' } }],
          env: [
            { name: 'PLAIN', value: 'x' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } },
          ],
        }),
      ],
      volumes: [
        { name: 'tls', secret: { secretName: 'backend-tls' } },
        { name: 'bundle', projected: { sources: [{ secret: { name: 'signing-key', optional: true } }, {}, { secret: { name: 'ca' } }] } },
        { name: 'scratch' },
      ],
      imagePullSecrets: [{ name: 'registry-pull' }],
    };

    // when
    const references = secretReferences(spec);

    // then
    expect(references).toEqual([
      { name: 'migrate-env', usedBy: 'envFrom of container migrate', optional: true, kind: 'generic' },
      { name: 'db-creds', usedBy: 'env DB_PASSWORD of container backend', optional: false, kind: 'generic' },
      { name: 'backend-tls', usedBy: 'volume tls', optional: false, kind: 'generic' },
      { name: 'signing-key', usedBy: 'volume bundle', optional: true, kind: 'generic' },
      { name: 'ca', usedBy: 'volume bundle', optional: false, kind: 'generic' },
      { name: 'registry-pull', usedBy: 'imagePullSecrets', optional: false, kind: 'image-pull' },
    ]);
  });

  it('given containers reading only ConfigMaps, when listed, then no Secret is needed', () => {
    // given
    const spec = { containers: [healthyContainer({ envFrom: [{ configMapRef: { name: 'backend-config' } }], env: [{ name: 'MODE', value: 'prod' }] })] };

    // when
    const references = secretReferences(spec);

    // then
    expect(references).toEqual([]);
  });
});
