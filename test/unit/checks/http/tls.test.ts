import { describe, expect, it } from 'vitest';
import { healthCheck } from '../../../../src/domain/checks/http/health.js';
import { tlsCheck } from '../../../../src/domain/checks/http/tls.js';
import type { ProbeResult } from '../../../../src/ports/http-probe.port.js';
import { checkContext } from '../../../support/fake-ports.js';

const probeAnswering = (result: ProbeResult) => {
  const urls: string[] = [];
  return {
    urls,
    http: {
      get: async (url: string) => {
        urls.push(url);
        return result;
      },
    },
  };
};

describe('http.tls', () => {
  it('given an https URL answering, when run, then it passes', async () => {
    const outcome = await tlsCheck.run(checkContext({ ports: { http: probeAnswering({ status: 200, latencyMs: 5 }).http } }));

    expect(outcome).toMatchObject({ status: 'pass', finding: 'uses https with a trusted certificate' });
  });

  it('given a public http URL, when run, then it fails without probing, with the https URL to use', async () => {
    const probe = probeAnswering({ status: 200, latencyMs: 5 });

    const outcome = await tlsCheck.run(
      checkContext({ target: { healthUrl: 'http://127.0.0.1:8080/health/staging/backend' }, ports: { http: probe.http } }),
    );

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('http://127.0.0.1:8080/health/staging/backend is served over plain HTTP');
    expect(outcome.fix).toContain('https://127.0.0.1:8080/health/staging/backend');
    expect(probe.urls).toEqual([]);
  });

  it.each(['http://backend.shop-staging.svc:8080/health', 'http://backend.shop-staging.svc.cluster.local/health', 'http://api.CLUSTER.LOCAL./h'])(
    'given the in-cluster URL %s, when run, then plain HTTP passes',
    async (healthUrl) => {
      const outcome = await tlsCheck.run(checkContext({ target: { healthUrl } }));

      expect(outcome.status).toBe('pass');
      expect(outcome.finding).toContain('in-cluster name');
    },
  );

  it('given a host that only looks in-cluster, when run, then plain HTTP fails', async () => {
    const outcome = await tlsCheck.run(checkContext({ target: { healthUrl: 'http://svc.example.com/health' } }));

    expect(outcome.status).toBe('fail');
  });

  it.each([
    'TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    'TLS: certificate has expired (CERT_HAS_EXPIRED)',
    'TLS: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)',
  ])('given the probe failed with "%s", when run, then it fails quoting it', async (error) => {
    const outcome = await tlsCheck.run(checkContext({ ports: { http: probeAnswering({ latencyMs: 5, error }).http } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(`staging.shop.example.com does not present a trusted certificate: ${error}`);
    expect(outcome.fix).toContain('http.caFile');
  });

  it('given the https URL does not answer for a non-TLS reason, when run, then it passes but says the certificate was not verified', async () => {
    const outcome = await tlsCheck.run(
      checkContext({ ports: { http: probeAnswering({ latencyMs: 5, error: 'connection refused' }).http } }),
    );

    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain('certificate not verified');
    expect(outcome.finding).toContain('connection refused');
  });

  it('given the https URL got no answer and the probe gave no reason, when run, then it passes saying the error is unknown', async () => {
    const outcome = await tlsCheck.run(checkContext({ ports: { http: probeAnswering({ latencyMs: 5 }).http } }));

    expect(outcome).toMatchObject({
      status: 'pass',
      finding: 'uses https; certificate not verified as no answer came (unknown error; http.health reports it)',
    });
  });

  it('given http.health and http.tls in the same run, when both run, then the URL is requested once', async () => {
    const probe = probeAnswering({ status: 200, latencyMs: 5 });
    const context = checkContext({ ports: { http: probe.http } });

    await Promise.all([healthCheck.run(context), tlsCheck.run(context)]);

    expect(probe.urls).toEqual(['https://staging.shop.example.com/health']);
  });

  it('given no health URL, when run, then it skips naming the service and environment', async () => {
    const outcome = await tlsCheck.run(checkContext({ target: { healthUrl: undefined } }));

    expect(outcome).toEqual({ status: 'skip', finding: 'no healthUrl configured for backend in staging', fix: '' });
  });

  it('given the probe port throws, when run, then the error propagates', async () => {
    const http = { get: () => Promise.reject(new Error('probe exploded')) };

    await expect(tlsCheck.run(checkContext({ ports: { http } }))).rejects.toThrow('probe exploded');
  });
});
