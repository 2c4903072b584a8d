import { AbortError, ApiException, FetchError } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { isNotFoundOf, toPortError } from '../../../src/adapters/kube/kube-error.js';
import { PortError } from '../../../src/ports/port-error.js';

const call = { operation: 'get secret shop-staging/backend-env', server: 'https://cluster.example.com', timeoutMs: 5000 };

function statusException(code: number, status: Record<string, unknown>, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', ...status, code });
  return new ApiException<unknown>(code, 'Unknown API Status Code!', body, headers);
}

describe('toPortError', () => {
  it('given a 403 Status, when mapping, then it is forbidden and quotes the RBAC message', () => {
    const message = 'secrets "backend-env" is forbidden: User "system:serviceaccount:shipmate:shipmate" cannot get resource "secrets" in API group "" in the namespace "shop-staging"';

    const error = toPortError(statusException(403, { reason: 'Forbidden', message }), call);

    expect(error).toBeInstanceOf(PortError);
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(`Kubernetes get secret shop-staging/backend-env forbidden: ${message}`);
  });

  it('given a 401 without a body, when mapping, then it is unauthorized and names the server', () => {
    const error = toPortError(new ApiException<undefined>(401, 'Unauthorized', undefined, {}), call);

    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('https://cluster.example.com');
    expect(error.message).toContain('get secret shop-staging/backend-env');
  });

  it('given a 429, when mapping, then it is throttled with the advised wait', () => {
    const error = toPortError(statusException(429, { reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } }), call);

    expect(error.code).toBe('throttled');
    expect(error.message).toContain('retry after 3s');
  });

  it('given another HTTP failure, when mapping, then it is remote with code, reason and message on one line', () => {
    const error = toPortError(statusException(500, { reason: 'InternalError', message: 'Internal error occurred:\n etcd timeout' }), call);

    expect(error.code).toBe('remote');
    expect(error.message).toBe('Kubernetes get secret shop-staging/backend-env failed: HTTP 500 InternalError: Internal error occurred: etcd timeout');
  });

  it('given a body that is not a Status, when mapping, then the code alone is reported', () => {
    const error = toPortError(new ApiException<string>(404, 'Unknown API Status Code!', '404 page not found\n', {}), call);

    expect(error.code).toBe('remote');
    expect(error.message).toBe('Kubernetes get secret shop-staging/backend-env failed: HTTP 404');
  });

  it('given a refused connection, when mapping, then it is unreachable with the server and the system code', () => {
    const refused = new FetchError('request to https://cluster.example.com/api failed, reason: connect ECONNREFUSED', 'system', {
      code: 'ECONNREFUSED',
    } as NodeJS.ErrnoException);

    const error = toPortError(refused, call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('Kubernetes API unreachable at https://cluster.example.com: ECONNREFUSED (get secret shop-staging/backend-env)');
  });

  it('given an aborted request, when mapping, then it is unreachable and says how long it waited', () => {
    const error = toPortError(new AbortError('The user aborted a request.'), call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('no answer within 5000 ms');
  });

  it('given an unexpected error carrying a bearer token and newlines, when mapping, then the token is masked and it is one line', () => {
    const error = toPortError(new Error('exec plugin failed\nAuthorization: Bearer s3cr3t-token\nat line 2'), call);

    expect(error.code).toBe('remote');
    expect(error.message).not.toContain('s3cr3t-token');
    expect(error.message).not.toMatch(/\n/);
  });

  it('given a PortError, when mapping, then it is passed through', () => {
    const original = new PortError('invalid', 'bad context');
    expect(toPortError(original, call)).toBe(original);
  });
});

describe('isNotFoundOf', () => {
  it('given a NotFound Status naming the object, when asked, then it is that object missing', () => {
    const missing = statusException(404, { reason: 'NotFound', message: 'secrets "x" not found', details: { name: 'x', kind: 'secrets' } });
    expect(isNotFoundOf(missing, 'x')).toBe(true);
    expect(isNotFoundOf(missing, 'y')).toBe(false);
  });

  it('given a 404 for an unknown path, when asked, then it is not a missing object', () => {
    const unknownPath = statusException(404, { reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });
    expect(isNotFoundOf(unknownPath, 'x')).toBe(false);
    expect(isNotFoundOf(new Error('x not found'), 'x')).toBe(false);
  });
});
