import type { ShipmateConfig } from '../../config/schema.js';
import type { SmokeTestStep } from '../../config/smoke-tests-schema.js';
import { runVerify, type VerifyRun } from '../../domain/verify/run-smoke-tests.js';
import type { Clock } from '../../ports/clock.port.js';
import type { HttpClientPort } from '../../ports/http-client.port.js';
import type { PrometheusPort } from '../../ports/prometheus.port.js';
import { Refusal } from '../../usage-error.js';
import { environmentGuards } from '../guards/guards-of.js';
import { judgeGuard } from '../guards/judge-guard.js';

/** The environment's Prometheus, when one applies (deploy-guards.ts builds it from the config). */
export type PrometheusFor = (environment: string) => PrometheusPort | undefined;

/**
 * /verify for one environment: its configured smoke tests, run against the
 * real endpoints, and — given `prometheusFor` (the /verify command) — each
 * metric guard of its services judged once now (SPEC §11). The /verify after
 * a deploy passes none: the deployed service's guards were just watched for
 * their window, and another service's breach must not roll this one back.
 */
export async function runVerifyFor(config: ShipmateConfig, environment: string, http: HttpClientPort, clock: Clock, prometheusFor?: PrometheusFor): Promise<VerifyRun> {
  const guards = prometheusFor ? environmentGuards(config, environment) : [];
  const steps = guards.length > 0 ? (config.environments[environment]?.smokeTests ?? []) : smokeTestsOf(config, environment);
  if (guards.length === 0) return runVerify(steps, http, clock);
  const prometheus = prometheusFor!(environment);
  const [run, judged] = await Promise.all([
    runVerify(steps, http, clock),
    Promise.all(guards.map((guard) => judgeGuard({ ...guard, name: `${guard.service} ${guard.name}` }, prometheus))),
  ]);
  return { ...run, guards: judged };
}

/** /verify passed: every smoke test passed and no metric guard is breached (a guard without data does not fail it, and is shown). */
export function verifyPassed(run: VerifyRun): boolean {
  return run.results.every((r) => r.outcome === 'pass') && !(run.guards ?? []).some((g) => g.outcome === 'breach');
}

/** Refuses, before anything runs, an environment with nothing to verify: no smoke tests and no metric guards. */
export function requireSomethingToVerify(config: ShipmateConfig, environment: string): void {
  if (environmentGuards(config, environment).length === 0) smokeTestsOf(config, environment);
}

/** The environment's smoke tests; none is a usage error, told before anything runs. */
export function smokeTestsOf(config: ShipmateConfig, environment: string): SmokeTestStep[] {
  const steps = config.environments[environment]?.smokeTests ?? [];
  if (steps.length === 0) throw new Refusal(`${environment} has no smoke tests (environments.${environment}.smokeTests)`);
  return steps;
}
