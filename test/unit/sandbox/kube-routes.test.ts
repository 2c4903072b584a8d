import { describe, expect, it } from 'vitest';
import { parseKubeRoute } from '../../../src/sandbox/kube/kube-routes.js';

describe('parseKubeRoute', () => {
  it('given paths outside the Kubernetes API, when parsing, then they are not claimed', () => {
    expect(parseKubeRoute('/health/staging/backend')).toBeUndefined();
    expect(parseKubeRoute('/')).toBeUndefined();
    expect(parseKubeRoute('/versions')).toBeUndefined();
  });

  it('given version and discovery paths, when parsing, then each gets its document type', () => {
    expect(parseKubeRoute('/version')).toEqual({ type: 'version' });
    expect(parseKubeRoute('/api')).toEqual({ type: 'core-versions' });
    expect(parseKubeRoute('/api/v1')).toEqual({ type: 'resource-list', group: '', version: 'v1' });
    expect(parseKubeRoute('/apis')).toEqual({ type: 'group-list' });
    expect(parseKubeRoute('/apis/apps')).toEqual({ type: 'group', group: 'apps' });
    expect(parseKubeRoute('/apis/apps/v1/')).toEqual({ type: 'resource-list', group: 'apps', version: 'v1' });
  });

  it('given namespaced resource paths, when parsing, then namespace, name and subresource are read', () => {
    expect(parseKubeRoute('/apis/apps/v1/namespaces/shop-staging/deployments')).toEqual({
      type: 'resource', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop-staging',
    });
    expect(parseKubeRoute('/api/v1/namespaces/shop-staging/secrets/backend-env')).toEqual({
      type: 'resource', group: '', version: 'v1', resource: 'secrets', namespace: 'shop-staging', name: 'backend-env',
    });
    expect(parseKubeRoute('/apis/apps/v1/namespaces/ns/deployments/backend/status')).toEqual({
      type: 'resource', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns', name: 'backend', subresource: 'status',
    });
  });

  it('given cluster-scoped and all-namespace paths, when parsing, then no namespace is set', () => {
    expect(parseKubeRoute('/api/v1/namespaces')).toEqual({ type: 'resource', group: '', version: 'v1', resource: 'namespaces' });
    expect(parseKubeRoute('/api/v1/namespaces/shop-staging')).toEqual({
      type: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'shop-staging',
    });
    expect(parseKubeRoute('/apis/apps/v1/deployments')).toEqual({ type: 'resource', group: 'apps', version: 'v1', resource: 'deployments' });
  });

  it('given paths too deep or badly encoded, when parsing, then they are unknown API paths', () => {
    expect(parseKubeRoute('/apis/apps/v1/namespaces/ns/deployments/backend/status/extra')).toEqual({ type: 'unknown' });
    expect(parseKubeRoute('/api/v1/pods/a/b/c')).toEqual({ type: 'unknown' });
    expect(parseKubeRoute('/api/v1/namespaces/%E0%A4%A/secrets')).toEqual({ type: 'unknown' });
  });
});
