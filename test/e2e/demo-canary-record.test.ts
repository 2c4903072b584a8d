import { afterEach, describe, expect, it } from 'vitest';
import { canaryRecord } from '../../src/demo/canary-record.js';
import type { DemoStage } from '../../src/demo/demo-stage.js';
import type { ArgoRolloutsPort } from '../../src/ports/argo-rollouts.port.js';
import { repositoryContent } from '../../src/sandbox/aws/ecr-manifests.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

const NAMESPACE = 'shop-staging';
const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout';

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function demoWorld(): Promise<{ stage: DemoStage; rollouts: ArgoRolloutsPort; digest: string }> {
  session = await startSandboxSession(loadScenario('demo'));
  const stage: DemoStage = { session, say: () => undefined, show: () => undefined };
  const rollouts = sandboxPorts(session, sessionConfig(session), 'staging').rollouts;
  const repository = session.sandbox.state.world.ecr.repositories.find((r) => r.name === 'shop/checkout')!;
  const digest = repositoryContent(repository).manifests.find((m) => m.isRoot && m.tags.includes('1.1.0'))!.digest;
  return { stage, rollouts, digest };
}

/** The Rollout pointed at `image`, followed until it pauses at step 2 (its promote pause), as kubectl argo rollouts would show it. */
async function canaryPaused(rollouts: ArgoRolloutsPort, image: string): Promise<void> {
  await rollouts.setRolloutImage(NAMESPACE, 'checkout', 'checkout', image);
  await expect.poll(async () => (await rollouts.getRollout(NAMESPACE, 'checkout'))?.status.pauseConditions.length, { timeout: 20_000, interval: 100 }).toBe(1);
}

/** Promoted past the pause, followed until Argo calls it Healthy on the new stable ReplicaSet. */
async function promotedToTheEnd(rollouts: ArgoRolloutsPort): Promise<void> {
  await rollouts.promoteRollout(NAMESPACE, 'checkout');
  await expect
    .poll(async () => {
      const status = (await rollouts.getRollout(NAMESPACE, 'checkout'))?.status;
      return status?.phase === 'Healthy' && status.stableRS === status.currentPodHash;
    }, { timeout: 30_000, interval: 100 })
    .toBe(true);
}

describe("the demo's canary record: what the sandbox's Kubernetes holds of the Rollout, not the bot's words", () => {
  it('stops the demo when the Rollout still runs the version it ran before', async () => {
    // given: the demo world before any deploy, its Rollout Healthy on 1.0.0 (the controller syncs it once read)
    const { stage, rollouts } = await demoWorld();
    await expect.poll(async () => (await rollouts.getRollout(NAMESPACE, 'checkout'))?.status.phase, { timeout: 20_000, interval: 100 }).toBe('Healthy');
    // when / then
    expect(() => canaryRecord(stage, '1.1.0')).toThrow(`the Rollout checkout is Healthy on ${REGISTRY}:1.0.0 (no AnalysisRun), not Healthy on 1.1.0 pinned to ECR's digest after a passed analysis`);
  }, 30_000);

  it('stops the demo when the canary went through every step on the tag without the digest ECR holds', async () => {
    // given
    const { stage, rollouts } = await demoWorld();
    await canaryPaused(rollouts, `${REGISTRY}:1.1.0`);
    // when
    await promotedToTheEnd(rollouts);
    // then
    expect(() => canaryRecord(stage, '1.1.0')).toThrow(/^the Rollout checkout is Healthy on \S+shop\/checkout:1\.1\.0 \(checkout-[a-z0-9]+-2-3 Successful\), not Healthy on 1\.1\.0 pinned/);
  }, 60_000);

  it('stops the demo while the canary waits at its pause, and reads the Rollout, its pinned image and its analysis once promoted to the end', async () => {
    // given
    const { stage, rollouts, digest } = await demoWorld();
    // when the pinned canary pauses
    await canaryPaused(rollouts, `${REGISTRY}:1.1.0@${digest}`);
    // then
    expect(() => canaryRecord(stage, '1.1.0')).toThrow(`the Rollout checkout is Paused on ${REGISTRY}:1.1.0@${digest} (no AnalysisRun)`);
    // when it is promoted past the pause, through its analysis, to 100 %
    await promotedToTheEnd(rollouts);
    // then
    expect(canaryRecord(stage, '1.1.0')).toMatch(
      new RegExp(
        `^What the sandbox's Kubernetes recorded: Rollout checkout is Healthy with every step done, 5 of 5 pods ready, its container on shop/checkout:1\\.1\\.0@${digest.slice(0, 19)}…, the digest ECR holds for 1\\.1\\.0; AnalysisRun checkout-[a-z0-9]+-2-3: Successful \\(measured \\[0\\.2\\], \\[0\\.3\\]\\)\\.$`,
      ),
    );
  }, 60_000);
});
