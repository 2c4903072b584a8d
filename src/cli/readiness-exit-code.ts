import type { CheckResult } from '../domain/readiness/report.js';

/** The exit codes of `shipmate readiness` (SPEC §3); 2, a usage or configuration error, never gets this far. */
export const EXIT = { ready: 0, failed: 1, usage: 2, couldNotCheck: 3 } as const;

/**
 * 1 when a check fails; else 3 when a check could not run (a gate must never pass on what it could not see),
 * unless errors are allowed; else 0, warnings included.
 */
export function readinessExitCode(checks: readonly Pick<CheckResult, 'status'>[], options: { allowErrors: boolean }): number {
  if (checks.some((c) => c.status === 'fail')) return EXIT.failed;
  if (!options.allowErrors && checks.some((c) => c.status === 'error')) return EXIT.couldNotCheck;
  return EXIT.ready;
}
