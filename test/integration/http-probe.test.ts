import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpProbe, type HttpProbe } from '../../src/adapters/http/http-probe-adapter.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { WorldEndpoint } from '../../src/sandbox/world.js';

const extraEndpoints: WorldEndpoint[] = [
  { path: '/health/staging/down', status: 503 },
  { path: '/health/staging/slow', status: 200, delayMs: 2_000 },
];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('HTTP probe adapter against the sandbox', () => {
  let sandbox: Sandbox;
  let trusting: HttpProbe;
  let untrusting: HttpProbe;

  beforeAll(async () => {
    const world = loadScenario('healthy').world;
    world.http.endpoints.push(...extraEndpoints);
    sandbox = await startSandbox({ world });
    trusting = createHttpProbe({ ca: sandbox.caCertificate });
    untrusting = createHttpProbe();
  });

  afterAll(async () => {
    await Promise.all([trusting.close(), untrusting.close()]);
    await sandbox.close();
  });

  it('given the sandbox CA, when probing the https health URL, then it answers 200 with a latency', async () => {
    const result = await trusting.get(`${sandbox.httpsUrl}/health/staging/backend`, { timeoutMs: 5_000 });

    expect(result.status).toBe(200);
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(sandbox.state.callsTo('http').map((c) => c.operation)).toContain('GET /health/staging/backend');
  });

  it('given no CA, when probing the self-signed https URL, then it reports a TLS certificate error without throwing', async () => {
    const result = await untrusting.get(`${sandbox.httpsUrl}/health/staging/backend`, { timeoutMs: 5_000 });

    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^TLS: .*certificate/i);
  });

  it('given an endpoint answering 503, when probing it, then the status is 503', async () => {
    const result = await trusting.get(`${sandbox.httpsUrl}/health/staging/down`, { timeoutMs: 5_000 });

    expect(result).toMatchObject({ status: 503 });
    expect(result.error).toBeUndefined();
  });

  it('given a plain-http URL, when probing it, then it answers without TLS', async () => {
    const result = await untrusting.get(`${sandbox.url}/health/staging/backend`, { timeoutMs: 5_000 });

    expect(result.status).toBe(200);
  });

  it('given an endpoint slower than the timeout, when probing it, then it reports the timeout', async () => {
    const result = await trusting.get(`${sandbox.httpsUrl}/health/staging/slow`, { timeoutMs: 200 });

    // then: no status (the answer comes only after 2 s), the timeout named, and a latency still reported
    expect(result.status).toBeUndefined();
    expect(result.error).toBe('timed out after 200 ms');
    expect(result.latencyMs).toEqual(expect.any(Number));
  });

  it('given a port nobody listens on, when probing it, then it reports connection refused', async () => {
    const port = await closedPort();

    const result = await trusting.get(`http://127.0.0.1:${port}/health`, { timeoutMs: 2_000 });

    expect(result).toMatchObject({ error: 'connection refused' });
    expect(result.status).toBeUndefined();
  });

  it('given https spoken to a plain-http port, when probing it, then it reports the TLS handshake failure', async () => {
    const plainPort = new URL(sandbox.url).port;

    const result = await trusting.get(`https://127.0.0.1:${plainPort}/health/staging/backend`, { timeoutMs: 5_000 });

    expect(result.error).toBe('TLS: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)');
  });

  it('given a URL that redirects, when probing it, then the 3xx is the status and the redirect is not followed', async () => {
    let requests = 0;
    const redirecting = createHttpServer((_req, res) => {
      requests++;
      res.writeHead(302, { location: `${sandbox.url}/health/staging/backend` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const { port } = redirecting.address() as { port: number };
    try {
      const result = await untrusting.get(`http://127.0.0.1:${port}/health`, { timeoutMs: 2_000 });

      expect(result.status).toBe(302);
      expect(requests).toBe(1);
    } finally {
      redirecting.closeAllConnections();
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });

  it('given a malformed URL, when probing it, then it reports the URL as invalid', async () => {
    const result = await trusting.get('not a url', { timeoutMs: 2_000 });

    expect(result.error).toBe('invalid URL not a url');
  });
});
