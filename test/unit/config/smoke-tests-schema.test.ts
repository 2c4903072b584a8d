import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath } from '../../../src/config/interpolate.js';
import { smokeTestsSchema } from '../../../src/config/smoke-tests-schema.js';

/** The schema as it sits in an environment, so messages read as the config loader prints them. */
const inEnvironment = z.strictObject({ smokeTests: smokeTestsSchema });

function problemsOf(smokeTests: unknown[]): string[] {
  const parsed = inEnvironment.safeParse({ smokeTests });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

const login = { name: 'login', method: 'POST', url: 'https://shop.test/login', login: { token: 'data.token' } };

describe('smokeTestsSchema', () => {
  it('given a login step and a step using its token, when parsing, then defaults are filled in', () => {
    // when
    const steps = smokeTestsSchema.parse([login, { name: 'me', url: 'https://shop.test/me', headers: { Authorization: 'Bearer {{token}}' } }]);

    // then
    expect(steps[0]).toMatchObject({ method: 'POST', login: { token: 'data.token', as: 'token' }, expect: {}, timeoutMs: 10_000 });
    expect(steps[1]).toMatchObject({ method: 'GET', expect: {} });
  });

  it('given a bad method, when parsing, then the message names the key and the methods allowed', () => {
    expect(problemsOf([{ name: 'a', method: 'FETCH', url: 'https://shop.test/' }])).toEqual([
      'smokeTests[0].method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD',
    ]);
  });

  it('given a {{var}} no login step provides, when parsing, then the message names the key and the variable', () => {
    expect(problemsOf([login, { name: 'me', url: 'https://shop.test/me', headers: { 'X-Session': '{{session}}' } }])).toEqual([
      'smokeTests[1].headers: uses {{session}}, which no login step provides (known: token)',
    ]);
    expect(problemsOf([{ name: 'me', url: 'https://shop.test/me/{{token}}' }])).toEqual([
      'smokeTests[0].url: uses {{token}}, which no login step provides (add login: { token: <path>, as: token } to a step)',
    ]);
  });

  it('given two steps with the same name, when parsing, then the second name is reported', () => {
    expect(problemsOf([{ name: 'health', url: 'https://shop.test/a' }, { name: 'health', url: 'https://shop.test/b' }])).toEqual([
      'smokeTests[1].name: "health" is already the name of step [0]',
    ]);
  });

  it('given needs naming no step and steps waiting on each other, when parsing, then both are reported at their keys', () => {
    const problems = problemsOf([
      { name: 'a', url: 'https://shop.test/a', needs: ['b'] },
      { name: 'b', url: 'https://shop.test/b', needs: ['a', 'nope'] },
    ]);

    expect(problems).toEqual(['smokeTests[1].needs[1]: names no step (known: a, b)', 'smokeTests[0].needs: steps wait on each other: a -> b -> a']);
  });

  it('given bad URLs, paths, statuses and regexes, when parsing, then each is reported at its key', () => {
    const problems = problemsOf([
      {
        name: 'a',
        url: 'ftp://shop.test/a',
        expect: { status: 700, json: { 'items[': 1, 'user.name': { matches: '(' } } },
      },
    ]);

    expect(problems).toEqual([
      'smokeTests[0].url: must be an http:// or https:// URL',
      'smokeTests[0].expect.status: must be an HTTP status code (100-599)',
      expect.stringMatching(/^smokeTests\[0\]\.expect\.json\.user\.name\.matches: is not a valid regular expression/),
      'smokeTests[0].expect.json.items[: must be a dotted path such as data.items[0].id',
    ]);
  });

  it('given two login steps providing the same variable, when parsing, then the second is reported', () => {
    expect(problemsOf([login, { ...login, name: 'login2' }])).toEqual(['smokeTests[1].login.as: {{token}} is already provided by step "login"']);
  });
});
