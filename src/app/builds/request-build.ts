import type { BuildArgs } from '../../../commands/build.js';
import type { ShipmateConfig } from '../../config/schema.js';
import { isMember } from '../../domain/approvals/principals.js';
import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import { planBuild, type BuildPlan } from '../../domain/builds/plan-build.js';
import { parseImageRef } from '../../domain/image-ref.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import type { Clock } from '../../ports/clock.port.js';
import type { DirectoryPort } from '../../ports/directory.port.js';
import type { ApprovalRequest, StorePort } from '../../ports/store.port.js';
import { Refusal } from '../../usage-error.js';
import { resolveEnvironment } from '../resolve-environment.js';
import { runningImage } from '../running-image.js';
import type { BuildCardContent, BuildRequestPayload, PreflightLine } from './build-request-payload.js';

export interface RequestBuildDeps {
  config: ShipmateConfig;
  store: StorePort;
  clock: Clock;
  directory: DirectoryPort;
  portsFor(environment: string): ReadinessPorts;
}

/** The checks whose result the approval card shows before anyone approves a build. */
const BUILD_PREFLIGHT = ['codebuild.project', 'codebuild.quota'];

/**
 * Validates a /build (arguments, services, who may ask) without any AWS call;
 * throws UsageError with the one line the person sees.
 */
export async function validateBuild(args: BuildArgs, userId: string, deps: RequestBuildDeps): Promise<BuildPlan> {
  const plan = planBuild(deps.config, args.version, args.targets, resolveEnvironment(deps.config, undefined));
  const rule = policyFor(deps.config.policy, 'build', plan.environment);
  if (!(await isMember(rule.requesters, userId, deps.directory))) {
    throw new Refusal(`you may not request builds in ${plan.environment}: ${policyLine(rule, 'build', plan.environment)}`);
  }
  return plan;
}

/** Runs the preflight, stores the pending request and returns it; the caller posts the card. */
export async function createBuildRequest(plan: BuildPlan, userId: string, channelId: string, deps: RequestBuildDeps): Promise<ApprovalRequest> {
  const { environment, payload } = plan;
  const ports = deps.portsFor(environment);
  const rule = policyFor(deps.config.policy, 'build', environment);
  const [preflight, changes] = await Promise.all([preflightLines(plan, deps, ports), changeLines(plan, deps.config, ports)]);
  const card: BuildCardContent = {
    title: `Build ${payload.version} of ${payload.services.map((s) => s.service).join(', ')} in ${environment}`,
    changes,
    preflight,
    policyLine: policyLine(rule, 'build', environment),
    protected: deps.config.environments[environment]?.protected ?? false,
  };
  const request = newRequest({
    action: 'build',
    environment,
    requestedBy: userId,
    payload: { ...payload, card } satisfies BuildRequestPayload as unknown as Record<string, unknown>,
    channelId,
    rule,
    now: deps.clock.now(),
    ttlMinutes: deps.config.policy.requestTtlMinutes,
  });
  await deps.store.createRequest(request);
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actor: userId,
    action: 'build.requested',
    environment,
    subject: request.id,
    detail: card.title,
  });
  return request;
}

async function preflightLines(plan: BuildPlan, deps: RequestBuildDeps, ports: ReadinessPorts): Promise<PreflightLine[]> {
  const report = await runReadiness(
    deps.config,
    { environment: plan.environment, version: plan.payload.version, only: BUILD_PREFLIGHT, services: plan.payload.services.map((s) => s.service) },
    ports,
  );
  return report.checks
    .filter((c) => c.id === 'codebuild.quota' || c.status !== 'pass')
    .map((c) => ({ status: c.status, text: `${c.service}: ${c.finding}${c.fix ? ` — fix: ${c.fix}` : ''}` }));
}

/** What will change: project and source version per service, and the image each runs today. */
async function changeLines(plan: BuildPlan, config: ShipmateConfig, ports: ReadinessPorts): Promise<string[]> {
  return Promise.all(
    plan.payload.services.map(async (s) => {
      let now: string;
      try {
        const image = await runningImage(config, plan.environment, s.service, ports);
        now = image ? `runs ${parseImageRef(image).tag ?? image} today` : 'not deployed yet';
      } catch {
        now = 'current image unknown';
      }
      return `${s.service}: ${s.project} at ${s.sourceVersion} → ${s.repository}:${s.tag} (${now})`;
    }),
  );
}
