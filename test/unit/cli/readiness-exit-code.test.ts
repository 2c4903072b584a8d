import { describe, expect, it } from 'vitest';
import { readinessExitCode } from '../../../src/cli/readiness-exit-code.js';
import type { CheckStatus } from '../../../src/domain/checks/check.js';

const checks = (...statuses: CheckStatus[]) => statuses.map((status) => ({ status }));

describe('readinessExitCode (SPEC §3)', () => {
  it.each([
    ['every check passes', checks('pass', 'skip'), false, 0],
    ['warnings only', checks('pass', 'warn'), false, 0],
    ['a check fails', checks('pass', 'fail', 'warn'), false, 1],
    ['checks could not run, none failed', checks('pass', 'error'), false, 3],
    ['checks could not run, --allow-errors', checks('error', 'warn'), true, 0],
    ['a failure and an error', checks('fail', 'error'), false, 1],
    ['a failure and an error, --allow-errors', checks('fail', 'error'), true, 1],
  ] as const)('%s → %i', (_, given, allowErrors, code) => {
    expect(readinessExitCode(given, { allowErrors })).toBe(code);
  });
});
