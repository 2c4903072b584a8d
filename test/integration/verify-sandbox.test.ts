import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/adapters/http/http-client-adapter.js';
import { interpolateEnv } from '../../src/config/interpolate.js';
import { readConfigDocument } from '../../src/config/load-config.js';
import { smokeTestsSchema, type SmokeTestStep } from '../../src/config/smoke-tests-schema.js';
import { runVerify } from '../../src/domain/verify/run-smoke-tests.js';
import { packageRoot } from '../../src/package-root.js';
import { systemClock } from '../../src/ports/clock.port.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

/** The example config's smoke tests for an environment, read and validated as shipmate reads them. */
function exampleSmokeTests(environment: string, sandbox: Sandbox): SmokeTestStep[] {
  const document = readConfigDocument(join(packageRoot(), 'examples', 'sandbox.shipmate.yml'));
  const { value, problems } = interpolateEnv(document, { SHIPMATE_SANDBOX_HTTPS: sandbox.httpsUrl });
  expect(problems).toEqual([]);
  const environments = (value as { environments: Record<string, { smokeTests: unknown }> }).environments;
  return smokeTestsSchema.parse(environments[environment]!.smokeTests);
}

function withLoginAnswering(world: World, status: number): World {
  const patched = structuredClone(world);
  const login = patched.http.endpoints.find((e) => e.path === '/api/staging/login')!;
  login.status = status;
  login.body = { error: 'database unreachable' };
  return patched;
}

describe('/verify against the sandbox with the real HTTP client', () => {
  let sandbox: Sandbox;
  let client: HttpClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ world: loadScenario('healthy').world });
    client = createHttpClient({ ca: sandbox.caCertificate });
  });

  afterAll(async () => {
    await client.close();
    await sandbox.close();
  });

  it.each(['staging', 'production'])('given the healthy world, when running the example %s smoke tests, then every step passes', async (environment) => {
    // given
    const steps = exampleSmokeTests(environment, sandbox);

    // when
    const run = await runVerify(steps, client, systemClock);

    // then
    expect(run.results.map((r) => [r.name, r.outcome, r.status, r.problems])).toEqual([
      ['health', 'pass', 200, []],
      ['login', 'pass', 200, []],
      ['me', 'pass', 200, []],
      ['catalog', 'pass', 200, []],
    ]);
    const operations = sandbox.state.callsTo('http').map((c) => c.operation);
    expect(operations).toContain(`POST /api/${environment}/login`);
    expect(operations).toContain(`GET /api/${environment}/me`);
    expect(JSON.stringify(run.results)).not.toContain('sandbox-session-token');
  });

  it('given the me endpoint called without the token, when requesting it, then the sandbox answers 401 unauthorized', async () => {
    const response = await client.request({ method: 'GET', url: `${sandbox.httpsUrl}/api/staging/me`, headers: {}, timeoutMs: 5_000 });

    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ error: 'unauthorized' });
  });

  it('given the login endpoint called with GET, when requesting it, then the sandbox answers 405 naming the method it serves', async () => {
    const response = await client.request({ method: 'GET', url: `${sandbox.httpsUrl}/api/staging/login`, headers: {}, timeoutMs: 5_000 });

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('given a POST with a JSON body, when the login answers, then the client returns its JSON body and headers', async () => {
    const response = await client.request({
      method: 'POST',
      url: `${sandbox.httpsUrl}/api/staging/login`,
      headers: { 'content-type': 'application/json' },
      body: '{"username":"smoke"}',
      timeoutMs: 5_000,
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ token: 'sandbox-session-token', user: { name: 'smoke' } });
  });

  it('given a world whose login answers 500, when running the staging smoke tests, then login fails, the step needing its token is skipped and the rest pass', async () => {
    // given
    const broken = await startSandbox({ world: withLoginAnswering(loadScenario('healthy').world, 500) });
    // each sandbox makes its own certificate at start
    const brokenClient = createHttpClient({ ca: broken.caCertificate });
    try {
      const steps = exampleSmokeTests('staging', broken);

      // when
      const { results } = await runVerify(steps, brokenClient, systemClock);

      // then
      expect(results.map((r) => [r.name, r.outcome, r.problems[0]])).toEqual([
        ['health', 'pass', undefined],
        ['login', 'fail', 'status 500, expected 200'],
        ['me', 'skip', 'needs login, which failed'],
        ['catalog', 'pass', undefined],
      ]);
      expect(broken.state.callsTo('http').map((c) => c.operation)).not.toContain('GET /api/staging/me');
    } finally {
      await brokenClient.close();
      await broken.close();
    }
  });
});
