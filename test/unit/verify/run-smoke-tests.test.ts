import { describe, expect, it } from 'vitest';
import { runSmokeTests, runVerify } from '../../../src/domain/verify/run-smoke-tests.js';
import { FakeHttpClient, fixedClock, json, settle } from './fake-http-client.js';
import { API, loginSuite, steps } from './steps.js';

const TOKEN = 's3cr3t-session-token-value';

const healthyApi = () =>
  new FakeHttpClient({
    'POST /api/login': json(200, { data: { session: { token: TOKEN } } }),
    'GET /api/me': json(200, { user: { name: 'smoke', roles: ['tester'] } }),
    'GET /api/catalog': json(200, { items: [{ id: 1 }, { id: 2 }], count: 2 }),
    'GET /api/health': json(200, { status: 'ok' }),
  });

describe('runSmokeTests', () => {
  it('given independent steps, when running, then they all start before any answers and the dependent starts only after its login', async () => {
    // given
    const http = new FakeHttpClient({}, true);

    // when
    const running = runVerify(loginSuite(), http, fixedClock);
    await settle();

    // then
    expect(http.startedPaths()).toEqual(['POST /api/login', 'GET /api/catalog', 'GET /api/health']);

    // when the login answers
    http.answer('/api/login', json(200, { data: { session: { token: TOKEN } } }));
    await settle();

    // then the step needing its token starts
    expect(http.startedPaths()).toEqual(['POST /api/login', 'GET /api/catalog', 'GET /api/health', 'GET /api/me']);

    http.answer('/api/me', json(200, { user: { roles: ['tester'] } }));
    http.answer('/api/catalog', json(200, { count: 2 }));
    http.answer('/api/health', json(204, {}));
    const run = await running;
    expect(run.results.map((r) => [r.name, r.outcome])).toEqual([
      ['login', 'pass'],
      ['me', 'pass'],
      ['catalog', 'pass'],
      ['health', 'pass'],
    ]);
    expect(run.durationMs).toBe(0);
  });

  it('given a login step, when running, then its token fills later steps and never appears in a result', async () => {
    // given
    const http = healthyApi();

    // when
    const results = await runSmokeTests(loginSuite(), http, fixedClock);

    // then the token was sent where the config put {{token}}
    const me = http.started.find((r) => r.url.includes('/me'))!;
    expect(me.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(me.url).toBe(`${API}/me?session=${TOKEN}`);
    // and the results only show it redacted
    expect(results.find((r) => r.name === 'me')!.url).toBe(`${API}/me?session=[token]`);
    expect(JSON.stringify(results)).not.toContain(TOKEN);
    expect(results.every((r) => r.outcome === 'pass')).toBe(true);
  });

  it('given a login body with JSON and a default content type, when running, then the body is sent as JSON', async () => {
    // given
    const http = healthyApi();

    // when
    await runSmokeTests(loginSuite(), http, fixedClock);

    // then
    const login = http.started.find((r) => r.method === 'POST')!;
    expect(JSON.parse(login.body!)).toEqual({ username: 'smoke' });
    expect(login.headers['content-type']).toBe('application/json');
  });

  it('given a step whose answer echoes the token, when its expectation fails, then the problem shows [token]', async () => {
    // given
    const http = healthyApi();
    http.routes['GET /api/me'] = json(200, { user: { roles: [TOKEN] } });

    // when
    const results = await runSmokeTests(loginSuite(), http, fixedClock);

    // then
    const me = results.find((r) => r.name === 'me')!;
    expect(me.outcome).toBe('fail');
    expect(me.problems).toEqual(['user.roles[0] is "[token]", expected "tester"']);
    expect(JSON.stringify(results)).not.toContain(TOKEN);
  });

  it('given a login answering 500, when running, then it fails and the step needing its token is skipped with the reason', async () => {
    // given
    const http = healthyApi();
    http.routes['POST /api/login'] = json(500, { error: 'database down' });

    // when
    const results = await runSmokeTests(loginSuite(), http, fixedClock);

    // then
    expect(results.find((r) => r.name === 'login')).toMatchObject({ outcome: 'fail', status: 500, problems: ['status 500, expected 200'] });
    expect(results.find((r) => r.name === 'me')).toMatchObject({ outcome: 'skip', latencyMs: 0, problems: ['needs login, which failed'] });
    expect(results.find((r) => r.name === 'catalog')!.outcome).toBe('pass');
    expect(http.startedPaths()).not.toContain('GET /api/me');
  });

  it('given a chain where the first step fails, when running, then each later step is skipped naming the one before it', async () => {
    // given
    const suite = steps([
      { name: 'a', url: `${API}/a` },
      { name: 'b', url: `${API}/b`, needs: ['a'] },
      { name: 'c', url: `${API}/c`, needs: ['b'] },
    ]);
    const http = new FakeHttpClient({ 'GET /api/a': { error: 'connection refused', latencyMs: 3 } });

    // when
    const results = await runSmokeTests(suite, http, fixedClock);

    // then
    expect(results.map((r) => [r.outcome, r.problems[0]])).toEqual([
      ['error', 'connection refused'],
      ['skip', 'needs a, which could not be reached'],
      ['skip', 'needs b, which was skipped'],
    ]);
  });

  it('given a login answer without the token, when running, then the login fails and says where it looked', async () => {
    // given
    const http = healthyApi();
    http.routes['POST /api/login'] = json(200, { data: {} });

    // when
    const results = await runSmokeTests(loginSuite(), http, fixedClock);

    // then
    expect(results[0]).toMatchObject({ outcome: 'fail', problems: ['login: no token at data.session.token'] });
    expect(results[1]!.outcome).toBe('skip');
  });

  it('given a step slower than its latency budget, when running, then it fails on latency with both numbers', async () => {
    // given
    const suite = steps([{ name: 'slow', url: `${API}/slow`, expect: { latencyMs: 300 } }]);
    const http = new FakeHttpClient({ 'GET /api/slow': json(200, {}, 812) });

    // when
    const [result] = await runSmokeTests(suite, http, fixedClock);

    // then
    expect(result).toMatchObject({ outcome: 'fail', latencyMs: 812, latencyBudgetMs: 300, problems: ['took 812 ms, budget 300 ms'] });
  });
});
