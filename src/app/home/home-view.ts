import type { AppHomeView, HomeDeploy, HomeEnvironment, HomeLock, HomePendingApproval } from '../../adapters/slack/render/app-home.js';
import { isMember } from '../../domain/approvals/principals.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { releaseRuns } from '../../domain/digests/release-activity.js';
import type { BuildCardContent } from '../builds/build-request-payload.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import { recentEnvironmentSnapshot } from '../environment-snapshot.js';

const RECENT_AUDIT = 300;
const DEPLOY_OUTCOMES: Record<string, HomeDeploy['outcome']> = {
  'deploy.succeeded': 'succeeded',
  'deploy.failed': 'failed',
  'deploy.rolled-back': 'rolled-back',
  'deploy.started': 'running',
};

/** Everything the App Home tab shows one viewer: from the store, and each environment's recent snapshot (shared by every viewer, at most a minute old). */
export async function homeView(viewerId: string, deps: RequestBuildDeps): Promise<AppHomeView> {
  const { config, store } = deps;
  const environments = await Promise.all(Object.keys(config.environments).map((name) => environmentView(name, deps)));
  const pending = await store.listRequests({ status: 'pending' });
  const pendingApprovals: HomePendingApproval[] = [];
  for (const request of pending) {
    const rule = policyFor(config.policy, request.action, request.environment);
    const mine = request.requestedBy === viewerId && !rule.selfApproval;
    if (mine || request.approvals.some((a) => a.userId === viewerId) || !(await isMember(rule.approvers, viewerId, deps.directory))) continue;
    pendingApprovals.push({
      requestId: request.id,
      ...(request.action === 'promote' ? { promote: true } : {}),
      title: (request.payload as { card?: BuildCardContent }).card?.title ?? `${request.action} in ${request.environment}`,
      requestedBy: request.requestedBy,
      environment: request.environment,
      expiresAt: request.expiresAt,
      protected: config.environments[request.environment]?.protected ?? false,
    });
  }
  const activeLocks: HomeLock[] = [];
  for (const environment of environments) {
    for (const service of environment.services) {
      const lock = await store.getLock(service.name, environment.name);
      if (lock) activeLocks.push({ environment: lock.environment, service: lock.service, lockedBy: lock.holder, since: lock.at, reason: lock.reason });
    }
  }
  const recentAudit = await store.recentAudit(RECENT_AUDIT);
  const recentDeploys: HomeDeploy[] = recentAudit
    .filter((e) => e.action in DEPLOY_OUTCOMES && e.environment && e.subject)
    .map((e) => {
      const service = e.detail.split(/[ /:]/, 1)[0] ?? '';
      const version = /(?:^|\s)(\d[\w.-]*)/.exec(e.detail)?.[1] ?? '?';
      return { service, environment: e.environment!, version, outcome: DEPLOY_OUTCOMES[e.action]!, by: e.actor, at: e.at };
    });
  // A release is one line however many services it deploys (its own deploys are release.*, never deploy.*).
  const recentReleases = releaseRuns(recentAudit);
  return { viewerId, generatedAt: deps.clock.now(), environments, pendingApprovals, activeLocks, recentDeploys, recentReleases };
}

async function environmentView(name: string, deps: RequestBuildDeps): Promise<HomeEnvironment> {
  const { report, services, takenAt } = await recentEnvironmentSnapshot(deps.config, name, deps.portsFor(name), deps.clock);
  return {
    name,
    ...(report ? { readiness: { verdict: report.verdict, score: report.score, at: takenAt } } : {}),
    protected: deps.config.environments[name]!.protected,
    services: services.map((s) => ({
      name: s.service,
      ...(s.tag ? { imageTag: s.tag } : {}),
      ...(s.digest ? { digest: s.digest } : {}),
      ...(s.verdict ? { verdict: s.verdict } : {}),
    })),
  };
}
