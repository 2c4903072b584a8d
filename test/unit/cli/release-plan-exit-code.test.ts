import { describe, expect, it } from 'vitest';
import { releasePlanExitCode } from '../../../src/cli/release-subcommand.js';

const line = (status: 'pass' | 'fail' | 'error' | 'warn') => ({ service: 'backend', status, text: `k8s.secrets: ${status}` });

describe('releasePlanExitCode (shipmate release plan)', () => {
  it.each([
    [0, 'no blockers, warnings only', [], [line('pass'), line('warn')]],
    [1, 'a lock', ['deploys of backend to staging are locked'], [line('pass')]],
    [1, 'a failing check', ['backend: k8s.secrets: fail'], [line('fail')]],
    [3, 'a check that could not run, and nothing else', ['backend: k8s.secrets: error'], [line('error')]],
    [1, 'a check that could not run, and a lock', ['backend: k8s.secrets: error', 'deploys of backend to staging are locked'], [line('error')]],
  ])('exit %i given %s', (code, _, blockers, preflight) => {
    expect(releasePlanExitCode({ blockers, preflight })).toBe(code);
  });
});
