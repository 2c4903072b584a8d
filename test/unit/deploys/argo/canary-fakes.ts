import { watchCanary, type CanaryEvent } from '../../../../src/domain/deploys/argo/watch-canary.js';
import type { RolloutOutcome } from '../../../../src/domain/deploys/watch-rollout.js';
import type { AnalysisRun, ArgoRollout, ArgoRolloutsPort, CanaryStep } from '../../../../src/ports/argo-rollouts.port.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { ClusterPort, ContainerStatus, KubeEvent, Pod } from '../../../../src/ports/cluster.port.js';

/** A canary Rollout `checkout` (5 replicas, 5 steps), its AnalysisRuns and pods, fake ports driven by hand, a clock moved by hand. */
export const NS = 'shop';
export const OLD_IMAGE = 'repo/checkout:1.0.0@sha256:aaaa';
export const NEW_IMAGE = 'repo/checkout:1.1.0@sha256:bbbb';
export const STABLE = '5c4b3a2d1';
export const CANARY = '7d9f8c6b5';
export const TIMEOUT_MS = 600_000;
export const STEPS: CanaryStep[] = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 100 }];

type Status = ArgoRollout['status'];
export interface RolloutShape extends Partial<Status> {
  generation?: number;
  steps?: CanaryStep[];
  paused?: boolean;
  image?: string;
}

/** The Rollout after our patch (generation 2), observed, at step 0 unless the test says otherwise. */
export function rollout(shape: RolloutShape = {}): ArgoRollout {
  const { generation = 2, steps = STEPS, paused = false, image = NEW_IMAGE, ...status } = shape;
  return {
    name: 'checkout',
    namespace: NS,
    uid: 'uid-checkout',
    generation,
    spec: { replicas: 5, template: { labels: { app: 'checkout' }, spec: { containers: [{ name: 'checkout', image }] } }, canarySteps: steps, paused },
    status: {
      observedGeneration: 2,
      phase: 'Progressing',
      message: 'more replicas need to be updated',
      currentStepIndex: 0,
      currentPodHash: CANARY,
      stableRS: STABLE,
      replicas: 5,
      updatedReplicas: 0,
      readyReplicas: 5,
      availableReplicas: 5,
      pauseConditions: [],
      controllerPause: false,
      abort: false,
      conditions: [],
      ...status,
    },
  };
}

export const ready = (name = 'checkout'): ContainerStatus => ({ name, image: NEW_IMAGE, ready: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:00Z' } }, lastState: {} });
export const crashing = (pod: string): ContainerStatus => ({
  name: 'checkout',
  image: NEW_IMAGE,
  ready: false,
  restartCount: 4,
  state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=checkout pod=${pod}` } },
  lastState: { terminated: { exitCode: 1, reason: 'Error' } },
});

export const pod = (name: string, hash: string, container: ContainerStatus = ready()): Pod => ({
  name,
  namespace: NS,
  labels: { app: 'checkout', 'rollouts-pod-template-hash': hash },
  phase: 'Running',
  containerStatuses: [container],
  initContainerStatuses: [],
});

/** n pods of a ReplicaSet, ready. */
export const podsOf = (hash: string, n: number): Pod[] => Array.from({ length: n }, (_, i) => pod(`checkout-${hash}-${i}`, hash));

/** An AnalysisRun of the canary revision with metric error-rate (failureLimit 0) and the measured values given. */
export function analysisRun(phase: string, values: string[], options: { name?: string; failed?: number; message?: string; metricPhase?: string } = {}): AnalysisRun {
  const failed = options.failed ?? 0;
  return {
    name: options.name ?? `checkout-${CANARY}-2-3`,
    namespace: NS,
    labels: { 'rollouts-pod-template-hash': CANARY, 'rollout-type': 'Step', 'step-index': '3' },
    rollout: 'checkout',
    phase,
    ...(options.message ? { message: options.message } : {}),
    metrics: [{ name: 'error-rate', successCondition: 'result[0] < 1', failureLimit: 0, count: 2, interval: '10s' }],
    metricResults: [
      {
        name: 'error-rate',
        phase: options.metricPhase ?? phase,
        measurements: values.map((value, i) => ({ phase: i < values.length - failed ? 'Successful' : 'Failed', value })),
        count: values.length,
        successful: values.length - failed,
        failed,
        inconclusive: 0,
        error: 0,
      },
    ],
  };
}

const notUsed = (): Promise<never> => Promise.reject(new Error('not used by the canary watch'));

/** The ArgoRolloutsPort and ClusterPort the watch uses, each watch driven by the test. */
export class FakeArgo {
  current: ArgoRollout | undefined = rollout({ observedGeneration: 1, currentStepIndex: 5, currentPodHash: STABLE, phase: 'Healthy', message: '' });
  runs: AnalysisRun[] = [];
  events: Record<string, KubeEvent[]> = {};
  podSelector?: Record<string, string>;
  stopped = { rollout: 0, runs: 0, pods: 0 };
  lists = 0;
  /** AnalysisRuns read by name. */
  gets = 0;
  private rolloutListener?: (r: ArgoRollout) => void;
  private runListener?: (r: AnalysisRun) => void;
  private podListener?: (pods: Pod[]) => void;
  private errorListener?: (e: Error) => void;

  emit(shape: RolloutShape): void {
    this.rolloutListener!(rollout(shape));
  }
  emitRun(run: AnalysisRun): void {
    this.runListener!(run);
  }
  emitPods(pods: Pod[]): void {
    this.podListener!(pods);
  }
  breakWatch(error: Error): void {
    this.errorListener!(error);
  }

  readonly rollouts: ArgoRolloutsPort = {
    getRollout: async () => this.current,
    watchRollout: async (_ns, _name, onChange, onError) => {
      this.rolloutListener = onChange;
      this.errorListener = onError;
      return () => void (this.stopped.rollout += 1);
    },
    getAnalysisRun: async (_ns, name) => {
      this.gets += 1;
      return this.runs.find((run) => run.name === name);
    },
    listAnalysisRuns: async () => {
      this.lists += 1;
      return this.runs;
    },
    watchAnalysisRuns: async (_ns, _name, onChange) => {
      this.runListener = onChange;
      return () => void (this.stopped.runs += 1);
    },
    setRolloutImage: notUsed,
    promoteRollout: notUsed,
    abortRollout: notUsed,
  };

  readonly cluster = {
    watchPods: async (_ns: string, selector: Record<string, string>, onChange: (pods: Pod[]) => void) => {
      this.podSelector = selector;
      this.podListener = onChange;
      return () => void (this.stopped.pods += 1);
    },
    listEvents: async (_ns: string, name: string) => this.events[name] ?? [],
  } as unknown as ClusterPort;
}

/** A clock the test moves: each sleep ends when the time passes its end, or at once when its signal aborts. */
export class StepClock implements Clock {
  private ms = Date.parse('2025-01-01T12:00:00Z');
  private sleeping: { until: number; resolve: () => void }[] = [];
  now(): Date {
    return new Date(this.ms);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const entry = { until: this.ms + ms, resolve };
      this.sleeping.push(entry);
      signal?.addEventListener('abort', () => {
        this.sleeping = this.sleeping.filter((s) => s !== entry);
        resolve();
      }, { once: true });
    });
  }
  /** How many sleeps are still waiting (a finished watch leaves none). */
  get pending(): number {
    return this.sleeping.length;
  }
  advance(ms: number): void {
    this.ms += ms;
    const due = this.sleeping.filter((s) => s.until <= this.ms);
    this.sleeping = this.sleeping.filter((s) => s.until > this.ms);
    for (const s of due) s.resolve();
  }
}

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function startCanaryWatch(options: { signal?: AbortSignal; prepare?: (argo: FakeArgo) => void } = {}) {
  const argo = new FakeArgo();
  options.prepare?.(argo);
  const clock = new StepClock();
  const events: CanaryEvent[] = [];
  let outcome: RolloutOutcome | undefined;
  let error: Error | undefined;
  const deps = { rollouts: argo.rollouts, cluster: argo.cluster, clock, ...(options.signal ? { signal: options.signal } : {}) };
  const done = watchCanary(deps, { namespace: NS, rollout: 'checkout', generation: 2, timeoutMs: TIMEOUT_MS }, (e) => events.push(e)).then(
    (o) => void (outcome = o),
    (e: Error) => void (error = e),
  );
  await flush();
  return { argo, clock, events, done, outcome: () => outcome, error: () => error, messages: () => events.map((e) => `${e.kind}: ${e.message}`) };
}
