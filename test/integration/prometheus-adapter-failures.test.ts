import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusAdapter, type PrometheusAdapterOptions } from '../../src/adapters/prometheus/prometheus-adapter.js';
import { PortError } from '../../src/ports/port-error.js';

/**
 * What a real Prometheus cannot be made to answer on demand (a query timeout,
 * an auth proxy's 401, a server that never answers), from a loopback server
 * answering in the API's envelope.
 */
interface Seen {
  method?: string;
  path?: string;
  headers?: IncomingHttpHeaders;
  body?: string;
}

const TOKEN = 'prom-secret-token-123';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function answering(status: number, body: string | undefined, seen: Seen = {}): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      Object.assign(seen, { method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (body === undefined) return; // never answers
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const envelopeError = (errorType: string, error: string) => JSON.stringify({ status: 'error', errorType, error });
const emptyVector = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });

async function failureOf(options: PrometheusAdapterOptions, expr = 'up'): Promise<PortError> {
  const failure = await createPrometheusAdapter(options)
    .query(expr)
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(PortError);
  return failure as PortError;
}

describe('Prometheus adapter: the request it sends', () => {
  it('given an expression and a time, when queried, then it POSTs a form to <prefix>/api/v1/query with unix seconds', async () => {
    // given
    const seen: Seen = {};
    const url = await answering(200, emptyVector, seen);

    // when
    await createPrometheusAdapter({ url: `${url}/prometheus/` }).query('sum(up{job="a b"})', new Date(1_700_000_000_500));

    // then
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/prometheus/api/v1/query');
    expect(seen.headers?.['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({ query: 'sum(up{job="a b"})', time: '1700000000.5' });
  });

  it('given a bearer token, when queried, then it is sent as Authorization: Bearer', async () => {
    // given
    const seen: Seen = {};
    const url = await answering(200, emptyVector, seen);

    // when
    await createPrometheusAdapter({ url, auth: { bearerToken: TOKEN } }).query('up');

    // then
    expect(seen.headers?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('given basic auth in the options or in the URL, when queried, then it is sent as Authorization: Basic', async () => {
    // given
    const seen: Seen = {};
    const url = await answering(200, emptyVector, seen);
    const expected = `Basic ${Buffer.from('grafana:p@ss word').toString('base64')}`;

    // when
    await createPrometheusAdapter({ url, auth: { username: 'grafana', password: 'p@ss word' } }).query('up');
    const fromOptions = seen.headers?.authorization;
    await createPrometheusAdapter({ url: url.replace('http://', 'http://grafana:p%40ss%20word@') }).query('up');

    // then
    expect(fromOptions).toBe(expected);
    expect(seen.headers?.authorization).toBe(expected);
  });

  it('given no credentials, when queried, then no Authorization header is sent', async () => {
    // given
    const seen: Seen = {};
    const url = await answering(200, emptyVector, seen);

    // when
    await createPrometheusAdapter({ url }).query('up');

    // then
    expect(seen.headers?.authorization).toBeUndefined();
  });
});

describe('Prometheus adapter: failures as PortError', () => {
  it("given a query that timed out inside Prometheus (503 timeout), when queried, then 'unreachable' quoting Prometheus", async () => {
    // given
    const url = await answering(503, envelopeError('timeout', 'query timed out in expression evaluation'));

    // when
    const failure = await failureOf({ url });

    // then
    expect(failure.code).toBe('unreachable');
    expect(failure.message).toMatch(/could not answer the query, HTTP 503 \(timeout\): query timed out in expression evaluation$/);
  });

  it("given a 422 execution error, when queried, then 'invalid' quoting Prometheus's message", async () => {
    // given
    const url = await answering(422, envelopeError('execution', 'found duplicate series for the match group'));

    // when
    const failure = await failureOf({ url });

    // then
    expect(failure).toMatchObject({ code: 'invalid' });
    expect(failure.message).toMatch(/rejected the query \(execution\): found duplicate series for the match group$/);
  });

  it("given a server that never answers, when the timeout passes, then 'unreachable' saying so", async () => {
    // given
    const url = await answering(200, undefined);

    // when
    const failure = await failureOf({ url, timeoutMs: 200 });

    // then
    expect(failure.code).toBe('unreachable');
    expect(failure.message).toMatch(/^Prometheus at 127\.0\.0\.1:\d+: query failed: no answer within 200 ms$/);
  });

  it('given a token or URL password the server refuses (401), when queried, then \'unauthorized\' and the secret appears nowhere', async () => {
    // given
    const url = await answering(401, 'Unauthorized');

    // when
    const withToken = await failureOf({ url, auth: { bearerToken: TOKEN } });
    const withUrlPassword = await failureOf({ url: url.replace('http://', `http://admin:${TOKEN}@`) });

    // then
    expect(withToken.code).toBe('unauthorized');
    expect(withUrlPassword.code).toBe('unauthorized');
    for (const failure of [withToken, withUrlPassword]) {
      expect(failure.message).toMatch(/^Prometheus at 127\.0\.0\.1:\d+ refused the credentials \(HTTP 401\)$/);
      expect(`${failure.message} ${failure.stack}`).not.toContain(TOKEN);
    }
  });

  it("given 403, when queried, then 'forbidden'", async () => {
    // given
    const url = await answering(403, 'Forbidden');

    // when
    const failure = await failureOf({ url });

    // then
    expect(failure.code).toBe('forbidden');
  });

  it("given 429, when queried, then 'throttled'", async () => {
    // given
    const url = await answering(429, 'Too Many Requests');

    // when
    const failure = await failureOf({ url });

    // then
    expect(failure.code).toBe('throttled');
  });

  it("given a URL that is not Prometheus's (HTML 404), when queried, then 'remote' suggesting the path prefix", async () => {
    // given
    const url = await answering(404, '<html>not found</html>');

    // when
    const failure = await failureOf({ url });

    // then
    expect(failure.code).toBe('remote');
    expect(failure.message).toMatch(/answered HTTP 404 without Prometheus's JSON: is the URL the server's \(with its path prefix\)\?$/);
  });
});
