import { describe, expect, it } from 'vitest';
import { runVerify } from '../../../src/domain/verify/run-smoke-tests.js';
import { FakeHttpClient, fixedClock, json } from './fake-http-client.js';
import { API, steps } from './steps.js';

describe('smoke-test results and credentials placed in URLs', () => {
  it('given a URL with a password and a secret query parameter, when run, then no result holds either', async () => {
    // given
    const http = new FakeHttpClient({ 'GET /api/health': json(500, { error: 'see https://smoke:pw-s3cr3t@shop.example.test/api/health?token=q-s3cr3t' }) });
    const url = API.replace('https://', 'https://smoke:pw-s3cr3t@');
    const suite = steps([{ name: 'health', url: `${url}/health?token=q-s3cr3t&page=1`, expect: { status: 200, json: { status: 'ok' } } }]);
    // when
    const { results } = await runVerify(suite, http, fixedClock);
    // then the request went out with them, and the result shows neither
    expect(http.started[0]!.url).toContain('pw-s3cr3t');
    expect(results[0]!.url).toBe('https://smoke:[redacted]@shop.example.test/api/health?token=[redacted]&page=1');
    expect(JSON.stringify(results)).not.toContain('s3cr3t');
  });
});
