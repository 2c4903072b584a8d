import { codebuildRunsOf } from '../sandbox/aws/codebuild-runs.js';
import { progressAt, rdsSnapshotsOf } from '../sandbox/aws/rds-snapshots.js';
import { imageRunOf, JOB_NAME, storedJobs } from '../sandbox/kube/job-objects.js';
import { kubeStoreOf } from '../sandbox/kube/kube-store.js';
import type { PodShape } from '../sandbox/kube/rollout-controller-objects.js';
import { deployedImage, NAMESPACE, type DemoStage } from './demo-stage.js';
import { isPinnedToEcr, shortImage } from './pinned-image.js';

const DATABASE = 'shop-staging-db';
const SERVICES = ['backend', 'frontend'] as const;

/**
 * What the sandbox's RDS, Kubernetes and ECR recorded of the release (their
 * own state, not the bot's words), as narration lines: one snapshot of the
 * database, available; one migration Job, complete, and what its pod wrote;
 * both Deployments on the version pinned to ECR's digest. The demo stops if
 * any of it is not so.
 */
export function releaseRecords(stage: DemoStage, version: string): string[] {
  return [snapshotLine(stage), ...jobLines(stage), ...SERVICES.map((service) => deploymentLine(stage, service, version))];
}

function snapshotLine(stage: DemoStage): string {
  const { state } = stage.session.sandbox;
  const snapshots = [...rdsSnapshotsOf(state).instance.values()].filter((s) => s.source.database.identifier === DATABASE);
  const now = codebuildRunsOf(state).clock.now().getTime();
  const [snapshot] = snapshots;
  if (snapshots.length !== 1 || progressAt(snapshot!, now).status !== 'available') {
    throw new Error(`RDS holds ${snapshots.length} snapshot(s) of ${DATABASE}, not one available`);
  }
  return `RDS holds one manual snapshot of ${DATABASE}, ${snapshot!.identifier}: available.`;
}

function jobLines(stage: DemoStage): string[] {
  const { state } = stage.session.sandbox;
  const store = kubeStoreOf(state);
  const jobs = storedJobs(store, NAMESPACE);
  const [job] = jobs;
  const complete = job?.status.conditions?.some((c) => c.type === 'Complete');
  if (jobs.length !== 1 || !complete) throw new Error(`${NAMESPACE} ran ${jobs.length} Job(s), not one that completed`);
  const name = job!.metadata?.name ?? '';
  const pods = (store.derivedIn(NAMESPACE).pods as PodShape[]).filter((p) => p.metadata?.labels?.[JOB_NAME] === name);
  const image = job!.spec.template.spec.containers[0]?.image ?? '';
  const log = imageRunOf(image, state.world.kubernetes.images).log ?? [];
  return [
    `Kubernetes ran one Job in ${NAMESPACE}, ${name}: Complete, ${pods.length === 1 ? 'one pod' : `${pods.length} pods`}, image ${shortImage(image)}. Its log:`,
    ...log.map((line) => `  ${line}`),
  ];
}

function deploymentLine(stage: DemoStage, service: string, version: string): string {
  const image = deployedImage(stage, service);
  if (!isPinnedToEcr(stage, `shop/${service}`, version, image)) throw new Error(`${service} in staging runs ${image || 'nothing'}, not ${version} pinned to ECR's digest`);
  return `The ${service} Deployment runs ${shortImage(image)}, the digest ECR holds for ${version}.`;
}
