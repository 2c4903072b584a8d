import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import { createEcsPort } from '../../src/adapters/aws/ecs-adapter.js';
import { createSecretsPort } from '../../src/adapters/aws/secrets-adapter.js';
import { createQuotasPort } from '../../src/adapters/aws/quotas-adapter.js';
import { createHttpProbe } from '../../src/adapters/http/http-probe-adapter.js';
import { createArgoRolloutsPort } from '../../src/adapters/kube/argo-rollouts-adapter.js';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { validateConfig } from '../../src/config/load-config.js';
import type { Check } from '../../src/domain/checks/check.js';
import { k8sChecks } from '../../src/domain/checks/k8s/index.js';
import type { ReadinessReport } from '../../src/domain/readiness/report.js';
import { runReadiness } from '../../src/domain/readiness/run-readiness.js';
import { packageRoot } from '../../src/package-root.js';
import { rolloutControllerOf } from '../../src/sandbox/kube/rollout-controller.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { manifestObject } from '../permissions/deploy-files.js';

/**
 * shipmate's own Kubernetes checks, through the real adapter and the
 * sandbox's API server, against deploy/kubernetes/deployment.yaml as
 * `kubectl apply -k deploy/kubernetes` would leave it in the cluster.
 */

const NAMESPACE = 'shipmate';
const VERSION = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
const PUBLISHED_IMAGE = 'ghcr.io/example/shipmate';
/** The Secrets the README has you create before applying; the Deployment may reference no other. */
const CREATED_SECRETS = ['shipmate-slack', 'shipmate-postgres'];

type RawObject = Record<string, unknown>;
interface RawDeployment {
  spec: { template: { spec: { containers: { name: string; image: string }[] } } };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The cluster after the apply: the Deployment, the NetworkPolicy and the created Secrets in shipmate's namespace. */
function appliedWorld(options: { networkPolicy?: boolean; secrets?: string[] } = {}): World {
  // The healthy world lends its AWS account, region and Slack workspace; its cluster is replaced.
  const world = loadScenario('healthy').world;
  world.kubernetes.namespaces = {
    [NAMESPACE]: {
      deployments: [manifestObject('deployment.yaml', 'Deployment') as unknown as RawObject],
      secrets: options.secrets ?? CREATED_SECRETS,
      networkPolicies: options.networkPolicy === false ? [] : [manifestObject('networkpolicy.yaml', 'NetworkPolicy') as unknown as RawObject],
    },
  };
  return world;
}

/**
 * The same, with the image mirrored into the account's ECR and pinned by the
 * `images:` override kustomization.yaml describes, as a team that runs only
 * images from its own registry would.
 */
function mirroredWorld(): World {
  const world = appliedWorld();
  const repositoryUri = `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/shipmate`;
  world.ecr.repositories.push({
    name: 'shipmate',
    scanOnPush: true,
    images: [{ tags: [VERSION], kind: 'index', platforms: ['linux/amd64', 'linux/arm64'], sizeBytes: 95_000_000, scan: { status: 'COMPLETE', findings: {} } }],
  });
  const deployment = world.kubernetes.namespaces[NAMESPACE]!.deployments[0] as unknown as RawDeployment;
  for (const container of deployment.spec.template.spec.containers) {
    if (container.image.startsWith(`${PUBLISHED_IMAGE}:`)) container.image = `${repositoryUri}:${VERSION}`;
  }
  return world;
}

async function started(world: World): Promise<{ sandbox: Sandbox; kubeconfigPath: string }> {
  const sandbox = await startSandbox({ world });
  const dir = mkdtempSync(join(tmpdir(), 'shipmate-self-'));
  cleanups.push(() => sandbox.close(), () => rmSync(dir, { recursive: true, force: true }));
  // Right after the apply, the Deployment controller syncs the new Deployment: its ReplicaSet, pods and status.
  rolloutControllerOf(sandbox.state).reconcile(NAMESPACE, 'shipmate');
  return { sandbox, kubeconfigPath: writeSandboxKubeconfig(dir, sandbox.url, { cluster: NAMESPACE }) };
}

/** shipmate reviewing itself at its own package version: one service, its Deployment in its namespace. */
async function selfReadiness(world: World, checks: readonly Check[]): Promise<ReadinessReport> {
  const { sandbox, kubeconfigPath } = await started(world);
  const config = validateConfig(
    {
      environments: { cluster: { aws: { region: world.region, accountId: world.accountId }, kubernetes: { context: 'cluster', namespace: NAMESPACE } } },
      services: { shipmate: { ecr: { repository: 'shipmate' }, kubernetes: { deployment: 'shipmate' } } },
    },
    'self-readiness',
    {},
  );
  const aws = { region: world.region, endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS };
  const ports = {
    codebuild: createCodeBuildPort(aws),
    ecr: createEcrPort(aws),
    quotas: createQuotasPort(aws),
    cluster: createClusterPort({ kubeconfigPath, context: 'cluster' }),
    rollouts: createArgoRolloutsPort({ kubeconfigPath, context: 'cluster' }),
    http: createHttpProbe({ ca: sandbox.caCertificate }),
    ecs: createEcsPort(aws),
    secrets: createSecretsPort(aws),
  };
  return runReadiness(config, { environment: 'cluster', version: VERSION }, ports, checks);
}

const outcomes = (report: ReadinessReport) => report.checks.map((c) => `${c.id}: ${c.status} (${c.finding})`);
const notPassing = (report: ReadinessReport) => report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} (${c.finding})`);

describe("shipmate's own readiness checks on deploy/kubernetes/deployment.yaml", () => {
  it('as published (image on ghcr.io), every Kubernetes check that applies passes', async () => {
    // given: k8s.image-registry asks whether the image comes from the service's ECR repository;
    // the published image is on ghcr.io, so that check applies only once it is mirrored (next test)
    const checks = k8sChecks.filter((c) => c.id !== 'k8s.image-registry');
    // when
    const report = await selfReadiness(appliedWorld(), checks);
    // then
    expect(notPassing(report), outcomes(report).join('\n')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(checks.map((c) => c.id));
  });

  it("mirrored into ECR with kustomization.yaml's images override, every Kubernetes check passes", async () => {
    // when
    const report = await selfReadiness(mirroredWorld(), k8sChecks);
    // then
    expect(notPassing(report), outcomes(report).join('\n')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(k8sChecks.map((c) => c.id));
    expect(report.checks.find((c) => c.id === 'k8s.image-current')?.finding).toContain(VERSION);
  });

  it('without the NetworkPolicy and the Secrets, the same checks say so: they are not passing by default', async () => {
    // when
    const report = await selfReadiness(appliedWorld({ networkPolicy: false, secrets: [] }), k8sChecks.filter((c) => c.id !== 'k8s.image-registry'));
    // then
    expect(notPassing(report).map((line) => line.split(':')[0]).sort()).toEqual(['k8s.network-policy', 'k8s.secrets']);
    expect(report.checks.find((c) => c.id === 'k8s.secrets')?.finding).toContain('shipmate-postgres');
  });
});
