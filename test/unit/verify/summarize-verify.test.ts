import { describe, expect, it } from 'vitest';
import type { SmokeTestResult } from '../../../src/domain/verify/smoke-test-result.js';
import { summarizeVerify } from '../../../src/domain/verify/summarize-verify.js';

const result = (name: string, outcome: SmokeTestResult['outcome'], problems: string[] = []): SmokeTestResult => ({
  name,
  method: 'GET',
  url: `https://x.test/${name}`,
  latencyMs: 5,
  outcome,
  problems,
});

describe('summarizeVerify', () => {
  it('given a failure after a skip, when summarizing, then it counts each outcome and names the failure first', () => {
    const summary = summarizeVerify([
      result('health', 'pass'),
      result('me', 'skip', ['needs login, which failed']),
      result('login', 'fail', ['status 500, expected 2xx']),
    ]);

    expect(summary).toEqual({
      total: 3,
      passed: 1,
      failed: 1,
      errored: 0,
      skipped: 1,
      ok: false,
      headline: '1/3 passed',
      firstProblem: 'login: status 500, expected 2xx',
    });
  });

  it('given no steps, when summarizing, then it is not ok', () => {
    expect(summarizeVerify([])).toMatchObject({ ok: false, headline: 'no smoke tests configured' });
  });
});
