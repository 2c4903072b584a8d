import { describe, expect, it } from 'vitest';
import { checkResponse } from '../../../src/domain/verify/check-response.js';
import { parseJsonPath, readJsonPath } from '../../../src/domain/verify/json-path.js';

const body = JSON.stringify({
  data: { items: [{ id: 1, tags: ['new'] }, { id: 2, tags: [] }], total: 2 },
  user: { name: 'smoke', email: 'smoke@example.test' },
  flag: false,
});
const answer = (overrides: Partial<{ status: number; body: string; latencyMs: number }> = {}) => ({ status: 200, body, latencyMs: 40, ...overrides });

describe('dotted JSON paths', () => {
  it('given paths with keys and array indexes, when parsing, then each segment is a key or an index', () => {
    expect(parseJsonPath('data.items[1].tags[0]')).toEqual(['data', 'items', 1, 'tags', 0]);
    expect(parseJsonPath('[0].id')).toEqual([0, 'id']);
    expect(parseJsonPath('a..b')).toBeUndefined();
    expect(parseJsonPath('a[x]')).toBeUndefined();
    expect(parseJsonPath('')).toBeUndefined();
  });

  it('given a document, when reading past the end of an array or a missing key, then nothing is found', () => {
    const document = JSON.parse(body) as unknown;
    expect(readJsonPath(document, ['data', 'items', 0, 'tags', 0])).toEqual({ found: true, value: 'new' });
    expect(readJsonPath(document, ['data', 'items', 5])).toEqual({ found: false });
    expect(readJsonPath(document, ['user', 'name', 'first'])).toEqual({ found: false });
    expect(readJsonPath(document, ['flag'])).toEqual({ found: true, value: false });
  });
});

describe('checkResponse', () => {
  it('given expectations through arrays that hold, when checking, then there is no problem', () => {
    const problems = checkResponse(
      { json: { 'data.items[1].id': 2, 'data.items[0].tags': ['new'], 'user.email': { matches: '^smoke@' }, 'user.token': { exists: false }, flag: false } },
      answer(),
    );

    expect(problems).toEqual([]);
  });

  it('given expectations that do not hold, when checking, then each names its path, what was found and what was expected', () => {
    const problems = checkResponse(
      { json: { 'data.items[1].id': 3, 'data.items[2].id': { exists: true }, 'user.name': { matches: '^admin$' }, 'data.total': { exists: false } } },
      answer(),
    );

    expect(problems).toEqual([
      'data.items[1].id is 2, expected 3',
      'data.items[2].id is missing',
      'user.name is "smoke", expected to match /^admin$/',
      'data.total is present (2), expected absent',
    ]);
  });

  it('given no expected status, when the answer is 2xx or not, then only the non-2xx is a problem', () => {
    expect(checkResponse({}, answer({ status: 204 }))).toEqual([]);
    expect(checkResponse({}, answer({ status: 302 }))).toEqual(['status 302, expected 2xx']);
  });

  it('given a list of accepted statuses, when another arrives, then the problem lists them and the JSON is not judged', () => {
    const problems = checkResponse({ status: [200, 201], json: { 'user.name': 'x' } }, answer({ status: 503, body: '<html>' }));

    expect(problems).toEqual(['status 503, expected 200 or 201']);
  });

  it('given JSON expectations and a body that is not JSON, when checking, then it says so', () => {
    expect(checkResponse({ json: { a: 1 } }, answer({ body: 'OK' }))).toEqual(['body is not JSON (OK)']);
  });

  it('given a latency budget, when the answer is within it or over it, then only the overrun is a problem', () => {
    expect(checkResponse({ latencyMs: 500 }, answer({ latencyMs: 500 }))).toEqual([]);
    expect(checkResponse({ latencyMs: 500 }, answer({ latencyMs: 501 }))).toEqual(['took 501 ms, budget 500 ms']);
  });
});
