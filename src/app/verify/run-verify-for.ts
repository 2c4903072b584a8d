import type { ShipmateConfig } from '../../config/schema.js';
import type { SmokeTestStep } from '../../config/smoke-tests-schema.js';
import { runVerify, type VerifyRun } from '../../domain/verify/run-smoke-tests.js';
import type { Clock } from '../../ports/clock.port.js';
import type { HttpClientPort } from '../../ports/http-client.port.js';
import { Refusal } from '../../usage-error.js';

/** /verify for one environment: its configured smoke tests, run against the real endpoints. */
export async function runVerifyFor(config: ShipmateConfig, environment: string, http: HttpClientPort, clock: Clock): Promise<VerifyRun> {
  return runVerify(smokeTestsOf(config, environment), http, clock);
}

/** The environment's smoke tests; none is a usage error, told before anything runs. */
export function smokeTestsOf(config: ShipmateConfig, environment: string): SmokeTestStep[] {
  const steps = config.environments[environment]?.smokeTests ?? [];
  if (steps.length === 0) throw new Refusal(`${environment} has no smoke tests (environments.${environment}.smokeTests)`);
  return steps;
}
