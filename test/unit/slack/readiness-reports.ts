import type { Severity } from '../../../src/domain/checks/check.js';
import type { CheckResult, ReadinessReport } from '../../../src/domain/readiness/report.js';
import { scoreOf, verdictOf } from '../../../src/domain/readiness/score.js';

/*
 * Fixed reports for the card's golden files and limit tests: no clock, no
 * randomness, every duration spelled out. The catalog is copied rather than
 * imported so a new check does not silently change the golden files.
 */

const CATALOG: readonly (readonly [id: string, title: string, severity: Severity])[] = [
  ['codebuild.project', 'CodeBuild project exists', 'fail'],
  ['codebuild.quota', 'Concurrent-build quota', 'fail'],
  ['codebuild.privileged', 'Privileged mode for Docker builds', 'fail'],
  ['codebuild.buildspec-load', 'Buildspec pushes images instead of loading them', 'fail'],
  ['codebuild.buildspec-version', 'Buildspec version works for manual builds', 'warn'],
  ['codebuild.last-build', 'Last build status', 'warn'],
  ['ecr.repository', 'ECR repository exists', 'fail'],
  ['ecr.tag', 'Image tag exists', 'fail'],
  ['ecr.platform', 'Image has the required platform', 'fail'],
  ['ecr.scan', 'Image scan findings', 'fail'],
  ['ecr.scan-on-push', 'Scan on push', 'warn'],
  ['ecr.size', 'Image size within budget', 'warn'],
  ['k8s.deployment', 'Deployment and container exist', 'fail'],
  ['k8s.image-current', 'Deployed image is the version under review', 'warn'],
  ['k8s.image-registry', 'Image comes from the configured ECR repository', 'fail'],
  ['k8s.rollout', 'Rollout complete, all replicas available', 'fail'],
  ['k8s.security-context', 'Container security context', 'fail'],
  ['k8s.resources', 'CPU and memory requests and memory limit', 'warn'],
  ['k8s.probes', 'Readiness and liveness probes', 'fail'],
  ['k8s.secrets', 'Referenced Secrets exist', 'fail'],
  ['k8s.replicas', 'At least two replicas, spread across nodes', 'warn'],
  ['k8s.network-policy', 'A NetworkPolicy selects the pods', 'warn'],
  ['http.health', 'Health endpoint answers 2xx within budget', 'fail'],
  ['http.tls', 'Public URLs use https', 'fail'],
];

type Outcome = Pick<CheckResult, 'status' | 'finding' | 'fix'>;

/** Every catalog check for `service`; `outcomes` overrides the ones that did not pass. */
export function serviceChecks(service: string, outcomes: Record<string, Outcome> = {}): CheckResult[] {
  return CATALOG.map(([id, title, severity], i) => ({
    id,
    service,
    title,
    severity,
    ...(outcomes[id] ?? { status: 'pass', finding: `${title}: ok`, fix: '' }),
    durationMs: 10 + i,
  }));
}

export function reportOf(environment: string, version: string | undefined, checks: CheckResult[], durationMs = 1234): ReadinessReport {
  return { environment, ...(version ? { version } : {}), score: scoreOf(checks), verdict: verdictOf(checks), checks, durationMs };
}

export const healthyReport = (): ReadinessReport =>
  reportOf('staging', undefined, [...serviceChecks('backend'), ...serviceChecks('frontend'), ...serviceChecks('ml')]);

const QUOTA_ZERO = (project: string): Outcome => ({
  status: 'fail',
  finding: `quota "Concurrently running builds for Linux/Small environment" (L-ACCF6C0D) is 0: every build of ${project} fails with \`AccountLimitExceededException: Cannot have more than 0 builds in queue\``,
  fix: 'request more "Concurrently running builds for Linux/Small environment": `aws service-quotas request-service-quota-increase --service-code codebuild --quota-code L-ACCF6C0D --desired-value 10`',
});

/** What the sandbox's broken-release scenario reports, with a fixed port, plus a check that could not run. */
export const brokenReport = (): ReadinessReport =>
  reportOf('production', '1.2.0', [
    ...serviceChecks('backend', {
      'codebuild.quota': QUOTA_ZERO('backend-build'),
      'codebuild.buildspec-load': {
        status: 'fail',
        finding: 'buildspec of backend-build runs `docker buildx build --platform linux/amd64,linux/arm64 -t shop/backend:$TAG --load .`: buildx refuses to load a multi-platform build into the Docker engine, so the build fails',
        fix: 'replace `--load` with `--push` so buildx pushes every platform to ECR (`docker buildx build --platform linux/amd64,linux/arm64 -t $IMAGE_REPO:$VERSION --push .`), or build one platform with plain `docker build` and `docker push`',
      },
      'codebuild.buildspec-version': {
        status: 'warn',
        finding: 'buildspec of backend-build derives the version only from CODEBUILD_WEBHOOK_TRIGGER: builds started by hand or by /build (VERSION override) lose their version tag',
        fix: 'derive it in pre_build as `VERSION=${VERSION:-${CODEBUILD_WEBHOOK_TRIGGER#tag/}}` and tag images with `$VERSION`',
      },
      'ecr.platform': {
        status: 'fail',
        finding: 'tag 1.2.0 is linux/arm64 only; the cluster needs linux/amd64 — pods fail with `no match for platform in manifest`',
        fix: 'rebuild for the cluster\'s platform and push: `docker buildx build --platform linux/amd64,linux/arm64 -t 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.2.0 --push .`',
      },
      'ecr.scan': {
        status: 'fail',
        finding: 'tag 1.2.0 has findings at or above HIGH: 2 CRITICAL, 5 HIGH',
        fix: 'update the base image and dependencies, then rebuild; `aws ecr describe-image-scan-findings --repository-name shop/backend --image-id imageTag=1.2.0` lists them',
      },
      'ecr.size': {
        status: 'warn',
        finding: 'tag 1.2.0 is 2.4 GB, over the 1024 MB budget: slow pulls and slow pod starts',
        fix: 'use a multi-stage build that copies only the runtime artefacts, a slim or distroless base image, and a .dockerignore',
      },
      'k8s.rollout': {
        status: 'fail',
        finding: 'deployment/backend exceeded its progress deadline: "ReplicaSet "backend-5f7c9d8b6" has timed out progressing."',
        fix: 'kubectl -n shop-production describe deployment/backend; kubectl -n shop-production get pods -l app=backend; roll back with kubectl -n shop-production rollout undo deployment/backend',
      },
      'k8s.security-context': {
        status: 'fail',
        finding: 'deployment/backend container backend: runAsNonRoot not true, allowPrivilegeEscalation not false, capabilities not dropping ALL, root filesystem writable, no seccompProfile',
        fix: 'add to container backend: securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, readOnlyRootFilesystem: true, seccompProfile: { type: RuntimeDefault } }',
      },
      'k8s.probes': {
        status: 'fail',
        finding: 'deployment/backend container backend has no readinessProbe: pods get traffic before they can serve it',
        fix: 'add to container backend: readinessProbe: { httpGet: { path: /health, port: 8080 }, periodSeconds: 5 }',
      },
      'k8s.secrets': {
        status: 'fail',
        finding: 'deployment/backend references missing Secret: backend-db (env DATABASE_URL of container backend)',
        fix: 'kubectl -n shop-production create secret generic backend-db --from-env-file=<file>',
      },
      'k8s.replicas': {
        status: 'warn',
        finding: 'deployment/backend runs 1 replica: a node drain or crash is an outage',
        fix: 'kubectl -n shop-production scale deployment/backend --replicas=2 (and set spec.replicas: 2 in its manifest, with topologySpreadConstraints)',
      },
      'http.health': {
        status: 'fail',
        finding: 'GET https://127.0.0.1:8443/health/production/backend answered 503 in 173 ms',
        fix: 'see why it is unhealthy: kubectl -n shop-production logs deployment/backend --tail=50',
      },
    }),
    ...serviceChecks('frontend', { 'codebuild.quota': QUOTA_ZERO('frontend-build') }),
    ...serviceChecks('ml', {
      'codebuild.quota': QUOTA_ZERO('ml-build'),
      'k8s.network-policy': {
        status: 'error',
        finding: 'Kubernetes list networkpolicies shop-production: forbidden (networkpolicies.networking.k8s.io is forbidden for serviceaccount shipmate)',
        fix: 'grant the permission named in the finding to shipmate\'s identity',
      },
    }),
    ...serviceChecks('docs', { 'ecr.scan': { status: 'skip', finding: 'no version given and nothing deployed', fix: '' } }),
  ], 4321);

const MANY_PROBLEMS = ['codebuild.quota', 'codebuild.privileged', 'codebuild.buildspec-load', 'ecr.platform', 'ecr.scan', 'ecr.size',
  'k8s.rollout', 'k8s.security-context', 'k8s.resources', 'k8s.probes', 'k8s.secrets', 'k8s.replicas', 'k8s.network-policy', 'http.tls'];

/** 30 services, each failing or warning on 14 checks with findings of a realistic length. */
export function thirtyServiceReport(): ReadinessReport {
  const checks = Array.from({ length: 30 }, (_, n) => {
    const service = `service-${String(n + 1).padStart(2, '0')}`;
    const outcomes = Object.fromEntries(
      MANY_PROBLEMS.map((id, k): [string, Outcome] => [
        id,
        {
          status: k % 5 === 4 ? 'warn' : 'fail',
          finding: `deployment/${service} in shop-production: ${id} does not hold for container ${service} (observed state ${k + 1} of the review, see the full report for the manifest excerpt)`,
          fix: `kubectl -n shop-production edit deployment/${service} and correct what ${id} expects, then run readiness again`,
        },
      ]),
    );
    return serviceChecks(service, outcomes);
  }).flat();
  return reportOf('production', '2.0.0', checks, 9876);
}
