import type { ShipmateConfig } from '../../config/schema.js';
import type { Check } from '../checks/check.js';
import { checkCatalog } from '../checks/catalog.js';
import type { ReadinessReport } from './report.js';
import type { ReadinessPorts } from './readiness-ports.js';
import { resolveTargets } from './resolve-targets.js';
import { runCheck } from './run-check.js';
import { scoreOf, verdictOf } from './score.js';
import { createServiceFacts, FactsCache } from './service-facts.js';
import type { ServiceTarget } from './service-target.js';

export interface ReadinessRequest {
  environment: string;
  version?: string;
  /** Only these check ids (the deploy preflight runs a subset); every check when left out. */
  only?: readonly string[];
  /** Only these services; every service of the environment when left out. */
  services?: readonly string[];
  /** Told after each check finishes (for a progress display); the domain knows nothing of terminals. */
  onCheckDone?: (done: number, total: number) => void;
}

/** Runs every enabled check for every service of the environment, all at once. */
export async function runReadiness(
  config: ShipmateConfig,
  request: ReadinessRequest,
  ports: ReadinessPorts,
  checks: readonly Check[] = checkCatalog,
  now: () => number = performance.now.bind(performance),
): Promise<ReadinessReport> {
  const started = now();
  const cache = new FactsCache();
  const settings = config.checks;
  const targets = (await resolveTargets(config, request.environment, request.version, ports, cache)).filter(
    (t) => !request.services || request.services.includes(t.service),
  );
  const enabled = checks.filter(
    (c) => settings.severity[c.id] !== 'off' && (!request.only || request.only.includes(c.id)),
  );
  // A Kubernetes-only check has nothing to look at on an ECS service, and the reverse: it is not run (nor listed) there.
  const checksOf = (target: ServiceTarget) => enabled.filter((c) => !c.runtime || c.runtime === target.runtime);
  const total = targets.reduce((sum, target) => sum + checksOf(target).length, 0);
  let done = 0;
  const results = await Promise.all(
    targets.flatMap((target) => {
      const facts = createServiceFacts(target, ports, cache);
      return checksOf(target).map((check) => {
        const override = settings.severity[check.id];
        const severity = override === 'fail' || override === 'warn' ? override : check.severity;
        const result = runCheck(check, { target, settings, facts }, severity, settings.timeoutMs, now);
        const observed = ports.observe ? result.then((r) => (ports.observe!(r), r)) : result;
        return request.onCheckDone ? observed.then((r) => (request.onCheckDone!(++done, total), r)) : observed;
      });
    }),
  );
  return {
    environment: request.environment,
    ...(request.version ? { version: request.version } : {}),
    score: scoreOf(results),
    verdict: verdictOf(results),
    checks: results,
    durationMs: Math.round(now() - started),
  };
}
