import type { ShipmateConfig } from '../../config/schema.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { CheckResult } from '../../domain/readiness/report.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import type { ReleasePreflightLine, ReleaseServiceTarget } from '../../domain/releases/release-payload.js';
import { DEPLOY_PREFLIGHT } from '../deploys/request-deploy.js';

const WITHOUT_ECR = DEPLOY_PREFLIGHT.filter((id) => !id.startsWith('ecr.'));

/**
 * /deploy's preflight for every service the release rolls out. The ecr.*
 * checks run only for an image that is in ECR now and that the release does
 * not build: a build stage replaces what they would look at, and an image
 * neither in ECR nor built is already a blocker of its own.
 */
export async function releasePreflight(
  config: ShipmateConfig,
  environment: string,
  version: string,
  targets: readonly ReleaseServiceTarget[],
  ports: ReadinessPorts,
): Promise<{ lines: ReleasePreflightLine[]; blockers: string[] }> {
  const deployed = targets.filter((t) => t.deployed);
  const inEcr = deployed.filter((t) => t.digest).map((t) => t.service);
  const rest = deployed.map((t) => t.service).filter((s) => !inEcr.includes(s));
  // With a version given, readiness calls nothing for an empty list of services.
  const run = async (only: readonly string[], services: string[]) => (await runReadiness(config, { environment, version, only, services }, ports)).checks;
  const results = (await Promise.all([run(DEPLOY_PREFLIGHT, inEcr), run(WITHOUT_ECR, rest)])).flat();
  const order = (c: CheckResult) => deployed.findIndex((t) => t.service === c.service) * DEPLOY_PREFLIGHT.length + DEPLOY_PREFLIGHT.indexOf(c.id);
  const checks = results.sort((a, b) => order(a) - order(b));
  return {
    lines: checks.map((c) => ({ service: c.service, status: c.status, text: `${c.id}: ${c.finding}` })),
    blockers: checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => `${c.service}: ${c.id}: ${c.finding}`),
  };
}
