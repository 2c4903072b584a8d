import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { routesListener } from '../../../src/bot/http/ops-server.js';
import { opsRoutes, type OpsEndpoints, type Readiness } from '../../../src/bot/ops-routes.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A bare node:http server on 127.0.0.1 that dispatches to the routes as Bolt's receivers do (path and method), 404 otherwise. */
async function serve(routes: CustomRoute[]): Promise<string> {
  const server = createServer(routesListener(routes));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function endpoints(overrides: Partial<OpsEndpoints> = {}): OpsEndpoints {
  return {
    readiness: async () => ({ ready: true, checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'shipmate_up 1\n' }),
    ...overrides,
  };
}

async function get(base: string, path: string) {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), body: await res.text() };
}

describe('opsRoutes', () => {
  it('registers GET /healthz, /readyz and /metrics', () => {
    expect(opsRoutes(endpoints()).map((r) => [r.path, r.method])).toEqual([
      ['/healthz', ['GET']],
      ['/readyz', ['GET']],
      ['/metrics', ['GET']],
    ]);
  });

  it('answers /healthz with 200 without asking anything', async () => {
    // given endpoints that would fail if asked
    const base = await serve(opsRoutes(endpoints({ readiness: () => Promise.reject(new Error('asked')), metrics: () => Promise.reject(new Error('asked')) })));
    // when
    const res = await get(base, '/healthz');
    // then
    expect(res).toEqual({ status: 200, contentType: 'application/json', cacheControl: 'no-store', body: '{"status":"ok"}' });
  });

  it('answers /readyz with 200 and the checks when ready', async () => {
    // given
    const base = await serve(opsRoutes(endpoints()));
    // when
    const res = await get(base, '/readyz');
    // then
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ status: 'ready', checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } });
  });

  it('answers /readyz with 503 and each dependency\'s state when not ready', async () => {
    // given
    const notReady: Readiness = { ready: false, checks: { store: 'failing', slack: 'not connected', shutdown: 'stopping' } };
    const base = await serve(opsRoutes(endpoints({ readiness: async () => notReady })));
    // when
    const res = await get(base, '/readyz');
    // then
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ status: 'not ready', checks: notReady.checks });
  });

  it('never shows text that is not a state: an error message slipped into the checks reads "failing"', async () => {
    // given
    const leaky = { ready: false, checks: { store: 'connect ECONNREFUSED db.internal:5432 (user shipmate)', slack: 'ok' } } as unknown as Readiness;
    const base = await serve(opsRoutes(endpoints({ readiness: async () => leaky })));
    // when
    const res = await get(base, '/readyz');
    // then
    expect(JSON.parse(res.body)).toEqual({ status: 'not ready', checks: { store: 'failing', slack: 'ok' } });
    expect(res.body).not.toContain('db.internal');
  });

  it('answers /readyz with 503 when readiness cannot be told', async () => {
    // given
    const base = await serve(opsRoutes(endpoints({ readiness: () => Promise.reject(new Error('boom')) })));
    // when
    const res = await get(base, '/readyz');
    // then
    expect(res).toMatchObject({ status: 503, contentType: 'application/json', body: '{"status":"not ready"}' });
  });

  it('serves /metrics with the content type and body it is given', async () => {
    // given
    const base = await serve(opsRoutes(endpoints()));
    // when
    const res = await get(base, '/metrics');
    // then
    expect(res).toEqual({ status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', cacheControl: 'no-store', body: 'shipmate_up 1\n' });
  });

  it('answers /metrics with 500 when the metrics cannot be collected', async () => {
    // given
    const base = await serve(opsRoutes(endpoints({ metrics: () => Promise.reject(new Error('registry broke')) })));
    // when
    const res = await get(base, '/metrics');
    // then
    expect(res).toMatchObject({ status: 500, contentType: 'text/plain', body: 'metrics could not be collected\n' });
  });
});
