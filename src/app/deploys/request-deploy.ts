import type { DeployArgs } from '../../../commands/deploy.js';
import type { ShipmateConfig } from '../../config/schema.js';
import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor, type PolicyRule } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import { isMember } from '../../domain/approvals/principals.js';
import { parseImageRef } from '../../domain/image-ref.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import { fillVersion } from '../../domain/version.js';
import type { ApprovalRequest, Lock } from '../../ports/store.port.js';
import { cronMatcher } from '../../schedule/cron-expression.js';
import { Refusal, UsageError } from '../../usage-error.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import { resolveEnvironment } from '../resolve-environment.js';
import type { DeployPayload } from './deploy-payload.js';
import { describeLock } from './describe-lock.js';
import { deployWorkload } from './deploy-workload.js';
import { workloadTargetOf } from './workload-target.js';

/** The checks that must pass before anyone is asked to approve a deploy (SPEC §2). */
/** Each service runs the ones of its runtime: a Deployment the k8s.* ones, an ECS service the ecs.* ones. */
export const DEPLOY_PREFLIGHT = ['ecr.tag', 'ecr.platform', 'ecr.scan', 'k8s.deployment', 'k8s.secrets', 'ecs.service', 'ecs.secrets', 'ecs.platform'];

export interface DeployPlan {
  environment: string;
  service: string;
  version: string;
  override: boolean;
  /** The freeze window the request falls in, when it does (then --override was given). */
  frozen?: string;
  rule: PolicyRule;
}

/** Checks a /deploy without any AWS or Kubernetes call: arguments, policy, lock, freeze window. */
export async function validateDeploy(args: DeployArgs, userId: string, deps: RequestBuildDeps): Promise<DeployPlan> {
  const environment = resolveEnvironment(deps.config, args.env);
  const inEnvironment = deps.config.environments[environment]!.services ?? Object.keys(deps.config.services);
  if (!inEnvironment.includes(args.service)) {
    throw new UsageError(`unknown service "${args.service}" in ${environment} (known: ${inEnvironment.join(', ')})`);
  }
  const rule = policyFor(deps.config.policy, 'deploy', environment);
  if (!(await isMember(rule.requesters, userId, deps.directory))) {
    throw new Refusal(`you may not request deploys to ${environment}: ${policyLine(rule, 'deploy', environment)}`);
  }
  const lock = await deps.store.getLock(args.service, environment);
  if (lock && !expired(lock, deps.clock.now())) throw new Refusal(describeLock(lock, deps.clock.now()));
  const frozen = freezeWindowAt(deps.config, environment, deps.clock.now());
  if (frozen && !args.override) {
    throw new Refusal(`${environment} is frozen (${frozen}); add --override to ask anyway: it then needs ${rule.approvals + 1} approvals`);
  }
  return {
    environment,
    service: args.service,
    version: args.version,
    override: args.override,
    ...(frozen ? { frozen } : {}),
    rule: frozen ? { ...rule, approvals: rule.approvals + 1 } : rule,
  };
}

/** Runs the preflight for the image, pins its digest and stores the pending request; a failing preflight refuses it. */
export async function createDeployRequest(plan: DeployPlan, userId: string, channelId: string, deps: RequestBuildDeps): Promise<ApprovalRequest> {
  const { environment, service, version } = plan;
  const config = deps.config;
  const ports = deps.portsFor(environment);
  const serviceConfig = config.services[service]!;
  const tag = fillVersion(serviceConfig.ecr.imageTag, version);
  const report = await runReadiness(config, { environment, version, only: DEPLOY_PREFLIGHT, services: [service] }, ports);
  const failing = report.checks.filter((c) => c.status === 'fail' || c.status === 'error');
  if (failing.length > 0) {
    throw new Refusal(`${service} ${version} cannot be deployed to ${environment}: ${failing.map((c) => `${c.id}: ${c.finding}`).join('; ')}`);
  }
  const target = workloadTargetOf(config, environment, service);
  const [repository, image, current] = await Promise.all([
    ports.ecr.getRepository(serviceConfig.ecr.repository),
    ports.ecr.describeImage(serviceConfig.ecr.repository, tag),
    deployWorkload(ports, deps.clock, target).current(),
  ]);
  if (!repository || !image) throw new Refusal(`${serviceConfig.ecr.repository}:${tag} is not in ECR`);
  const previousImage = current?.image;
  const pinned = `${repository.uri}:${tag}@${image.digest}`;
  const payload: DeployPayload = {
    service,
    version,
    ...target,
    ...(target.runtime === 'ecs' && current ? { previousRevision: current.revision } : {}),
    repository: serviceConfig.ecr.repository,
    tag,
    digest: image.digest,
    image: pinned,
    ...(previousImage ? { previousImage } : {}),
    override: plan.override,
    card: {
      title: `Deploy ${service} ${version} to ${environment}`,
      changes: [
        `${service}: ${previousImage ? shortImage(previousImage) : 'not deployed'} → ${repository.uri}:${tag}`,
        `pinned to ${image.digest} (the rollout refuses if the tag moves before it starts)`,
        ...(plan.frozen ? [`inside the freeze window "${plan.frozen}": asked with --override, one more approval needed`] : []),
      ],
      preflight: report.checks.map((c) => ({ status: c.status, text: `${c.id}: ${c.finding}` })),
      policyLine: policyLine(plan.rule, 'deploy', environment),
      protected: config.environments[environment]?.protected ?? false,
    },
  };
  const request = newRequest({
    action: 'deploy',
    environment,
    requestedBy: userId,
    payload: payload as unknown as Record<string, unknown>,
    channelId,
    rule: plan.rule,
    now: deps.clock.now(),
    ttlMinutes: config.policy.requestTtlMinutes,
  });
  await deps.store.createRequest(request);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: 'deploy.requested', environment, subject: request.id, detail: `${payload.card.title} (${pinned})` });
  return request;
}

export function freezeWindowAt(config: ShipmateConfig, environment: string, at: Date): string | undefined {
  const window = config.environments[environment]?.freeze.find((w) => cronMatcher(w.cron, w.timezone)(at));
  return window ? (window.reason ?? `${window.cron} ${window.timezone}`) : undefined;
}

const expired = (lock: Lock, now: Date) => lock.until !== undefined && lock.until.getTime() <= now.getTime();

export function shortImage(image: string): string {
  const ref = parseImageRef(image);
  return `${ref.repository.split('/').slice(-2).join('/')}:${ref.tag ?? '?'}${ref.digest ? `@${ref.digest.slice(0, 19)}…` : ''}`;
}
