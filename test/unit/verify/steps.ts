import { smokeTestsSchema, type SmokeTestStep } from '../../../src/config/smoke-tests-schema.js';

/** Steps as the config loader would hand them over, defaults filled in. */
export function steps(raw: unknown[]): SmokeTestStep[] {
  return smokeTestsSchema.parse(raw);
}

export const API = 'https://shop.example.test/api';

/** login -> me (uses the token), and catalog and health on their own. */
export const loginSuite = (): SmokeTestStep[] =>
  steps([
    {
      name: 'login',
      method: 'POST',
      url: `${API}/login`,
      body: { username: 'smoke' },
      expect: { status: 200 },
      login: { token: 'data.session.token' },
    },
    { name: 'me', url: `${API}/me?session={{token}}`, headers: { Authorization: 'Bearer {{token}}' }, expect: { json: { 'user.roles[0]': 'tester' } } },
    { name: 'catalog', url: `${API}/catalog`, expect: { json: { count: 2 } } },
    { name: 'health', url: `${API}/health` },
  ]);
