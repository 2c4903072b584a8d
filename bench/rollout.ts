import { createReadinessPorts } from '../src/adapters/create-readiness-ports.js';
import { loadConfig } from '../src/config/load-config.js';
import { watchRollout, type RolloutOutcome } from '../src/domain/deploys/watch-rollout.js';
import { systemClock } from '../src/ports/clock.port.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { kubeStoreOf, type StoredChange } from '../src/sandbox/kube/kube-store.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';

/**
 * npm run bench:rollout — how long after the sandbox's Deployment becomes
 * available the watcher reports the rollout done (SPEC §8: under 1 s), and how
 * long after a new pod says CrashLoopBackOff it reports the failure (under
 * 10 s). Both through the real Kubernetes client's watch against the
 * sandbox's API server; the start of each interval is taken from inside the
 * sandbox, at the moment it changes the object. Medians of several runs; the
 * last line is one JSON object.
 */
const RUNS = 5;
const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

const healthy = loadScenario('healthy');
const session = await startSandboxSession({
  ...healthy,
  world: applyPatch(healthy.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds: 0.2, failures: { 'crash-1.0.0': 'crash-loop' } } }]),
});
Object.assign(process.env, session.env);
const config = loadConfig(session.configPath);
const cluster = createReadinessPorts(config, 'staging').cluster;
const store = kubeStoreOf(session.sandbox.state);
const namespace = 'shop-staging';

type Marker = (change: StoredChange) => boolean;

/** The sandbox's own time of the first change that matches, from now on. */
function firstChange(matches: Marker): { at: () => number | undefined; stop: () => void } {
  let at: number | undefined;
  const stop = store.subscribe((change) => {
    if (at === undefined && matches(change)) at = performance.now();
  });
  return { at: () => at, stop };
}

async function rollout(deployment: string, image: string, marker: Marker): Promise<{ outcome: RolloutOutcome; lagMs: number }> {
  const mark = firstChange(marker);
  const patched = await cluster.setContainerImage(namespace, deployment, deployment, image);
  const outcome = await watchRollout({ cluster, clock: systemClock }, { namespace, deployment, generation: patched.generation ?? 0, timeoutMs: 60_000 }, () => undefined);
  const seen = performance.now();
  mark.stop();
  const at = mark.at();
  if (at === undefined) throw new Error(`the sandbox never showed what ${deployment} → ${image} was waiting for`);
  return { outcome, lagMs: seen - at };
}

const available = (deployment: string): Marker => (c) => {
  if (!c.resourceKey.endsWith('deployments') || c.object.metadata?.name !== deployment) return false;
  const spec = c.object.spec as { replicas?: number };
  const status = c.object.status as { availableReplicas?: number; updatedReplicas?: number; replicas?: number; observedGeneration?: number };
  const generation = c.object.metadata?.generation ?? 0;
  const desired = spec.replicas ?? 1;
  return (status.observedGeneration ?? 0) >= generation && status.updatedReplicas === desired && status.availableReplicas === desired && status.replicas === desired;
};

const crashLooping: Marker = (c) =>
  c.resourceKey.endsWith('pods') &&
  JSON.stringify((c.object.status as { containerStatuses?: unknown }).containerStatuses ?? []).includes('"CrashLoopBackOff"');

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

try {
  const rolloutLags: number[] = [];
  const crashLags: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const version = i % 2 === 0 ? '1.0.0' : '1.1.0';
    const done = await rollout('backend', `${REGISTRY}/shop/backend:${version}`, available('backend'));
    if (done.outcome.kind !== 'succeeded') throw new Error(`rollout ${i} did not succeed: ${JSON.stringify(done.outcome)}`);
    rolloutLags.push(done.lagMs);

    const crash = await rollout('frontend', `${REGISTRY}/shop/frontend:crash-1.0.0`, crashLooping);
    if (crash.outcome.kind !== 'failed') throw new Error(`crash ${i} was not reported as a failure: ${JSON.stringify(crash.outcome)}`);
    crashLags.push(crash.lagMs);
    const back = await rollout('frontend', `${REGISTRY}/shop/frontend:1.1.0`, available('frontend'));
    if (back.outcome.kind !== 'succeeded') throw new Error(`rollback ${i} did not succeed`);
  }
  console.log(`rollout seen after available (ms): ${rolloutLags.map(Math.round).join(', ')}`);
  console.log(`CrashLoopBackOff reported after the pod said so (ms): ${crashLags.map(Math.round).join(', ')}`);
  console.log(JSON.stringify({ rollout_seen_ms: median(rolloutLags), crashloop_seen_ms: median(crashLags) }));
} finally {
  await session.close();
}
