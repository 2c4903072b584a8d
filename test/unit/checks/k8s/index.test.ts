import { describe, expect, it } from 'vitest';
import { httpChecks } from '../../../../src/domain/checks/http/index.js';
import { k8sChecks } from '../../../../src/domain/checks/k8s/index.js';

describe('k8s and http check registries', () => {
  it('given the catalog, when listing the k8s checks, then they come in catalog order with their severities', () => {
    expect(k8sChecks.map((c) => `${c.id}:${c.severity}`)).toEqual([
      'k8s.deployment:fail',
      'k8s.image-current:warn',
      'k8s.image-registry:fail',
      'k8s.rollout:fail',
      'k8s.security-context:fail',
      'k8s.resources:warn',
      'k8s.probes:fail',
      'k8s.secrets:fail',
      'k8s.replicas:warn',
      'k8s.network-policy:warn',
    ]);
  });

  it('given the catalog, when listing the http checks, then they come in catalog order with their severities', () => {
    expect(httpChecks.map((c) => `${c.id}:${c.severity}`)).toEqual(['http.health:fail', 'http.tls:fail']);
  });

  it('given every check, when reading its title, then it is a short phrase', () => {
    for (const check of [...k8sChecks, ...httpChecks]) {
      expect(check.title.length, check.id).toBeGreaterThan(5);
      expect(check.title.length, check.id).toBeLessThanOrEqual(60);
    }
  });
});
