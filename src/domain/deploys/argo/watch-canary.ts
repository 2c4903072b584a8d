import type { AnalysisRun, ArgoRollout, ArgoRolloutsPort, CanaryStep } from '../../../ports/argo-rollouts.port.js';
import type { Clock } from '../../../ports/clock.port.js';
import type { ClusterPort, Pod, StopWatching } from '../../../ports/cluster.port.js';
import { podFailure } from '../pod-failure.js';
import { eventLine, failureMessage, type RolloutOutcome } from '../watch-rollout.js';
import { analysisFailureMessage, analysisLine, analysisSummary, isAnalysisFailure, type AnalysisSummary } from './analysis-summary.js';
import { canaryStatus, ROLLOUT_POD_TEMPLATE_HASH, type CanaryStatus } from './canary-status.js';
import { PauseAwareTimeout } from './pause-aware-timeout.js';

export interface CanaryTarget {
  namespace: string;
  rollout: string;
  /** metadata.generation after the patch: an older observedGeneration says nothing about this rollout. */
  generation: number;
  /** Time allowed while the canary progresses; pauses are not counted. */
  timeoutMs: number;
}

export type CanaryEvent =
  /** A new step began (its setWeight in status.setWeight). */
  | { kind: 'step'; status: CanaryStatus; message: string }
  /** Paused: awaiting promotion (or a timed pause step); the watch goes on. */
  | { kind: 'paused'; status: CanaryStatus; reason: string; message: string }
  /** An AnalysisRun of this rollout changed phase or took a measurement. */
  | { kind: 'analysis'; status: CanaryStatus; analysis: AnalysisSummary; message: string }
  /** Anything else that moved (replicas becoming ready, phase message). */
  | { kind: 'progress'; status: CanaryStatus; message: string };

export interface WatchCanaryDeps {
  rollouts: ArgoRolloutsPort;
  cluster: ClusterPort;
  clock: Clock;
  /** Aborted when this process stops following: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const EVENTS_QUOTED = 5;

/** An AnalysisRun as the Rollout's status names it (status.canary.currentStep/BackgroundAnalysisRunStatus). */
type NamedRun = NonNullable<ArgoRollout['status']['stepAnalysisRun']>;

/**
 * Follows one canary Rollout the way `kubectl argo rollouts status` does (to
 * Healthy or Degraded) and reports each step, pause and analysis measurement
 * once. Fails fast on a failed or errored AnalysisRun (with its values), on
 * Degraded (Argo's message), and on a canary pod stuck as a Deployment's
 * would be. A pause never ends the watch and stops the timeout's clock.
 * Rejects only when the Rollout cannot be followed (gone, a watch gave up).
 */
export function watchCanary(deps: WatchCanaryDeps, target: CanaryTarget, onStep: (event: CanaryEvent) => void): Promise<RolloutOutcome> {
  return new Promise<RolloutOutcome>((resolve, reject) => new CanaryWatch(deps, target, onStep, resolve, reject).start());
}

class CanaryWatch {
  private settled = false;
  private readonly timeout: PauseAwareTimeout;
  private readonly stops: StopWatching[] = [];
  /** The last Rollout seen, and its status with the pods seen since. */
  private seen?: { rollout: ArgoRollout; status: CanaryStatus };
  private pods: Pod[] = [];
  private readonly runs = new Map<string, AnalysisRun>();
  private readonly runKeys = new Map<string, string>();
  private stepKey?: string;
  private pauseKey?: string;
  private lastLine = '';
  private reportingFailure = false;

  constructor(
    private readonly deps: WatchCanaryDeps,
    private readonly target: CanaryTarget,
    private readonly onStep: (event: CanaryEvent) => void,
    private readonly resolve: (outcome: RolloutOutcome) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timeout = new PauseAwareTimeout(deps.clock, target.timeoutMs, () => this.finish({ kind: 'timeout', message: this.timeoutMessage() }));
  }

  start(): void {
    const { signal } = this.deps;
    if (signal?.aborted) return this.fail(signal.reason);
    signal?.addEventListener('abort', () => this.fail(signal.reason));
    this.timeout.run();
    this.startWatches().catch((error: unknown) => this.fail(error));
  }

  private async startWatches(): Promise<void> {
    const { rollouts, cluster } = this.deps;
    const { namespace, rollout: name } = this.target;
    const initial = await rollouts.getRollout(namespace, name);
    if (!initial) throw new Error(`rollout "${name}" not found in namespace "${namespace}"`);
    const onError = (error: Error) => this.fail(error);
    const { [ROLLOUT_POD_TEMPLATE_HASH]: _hash, ...selector } = initial.spec.template.labels;
    this.keep(await cluster.watchPods(namespace, selector, (pods) => this.onPods(pods), onError));
    this.keep(await rollouts.watchAnalysisRuns(namespace, name, (run) => this.onRun(run), onError));
    for (const run of await rollouts.listAnalysisRuns(namespace, name)) if (!this.runs.has(run.name)) this.runs.set(run.name, run);
    this.onRollout(initial);
    if (this.settled) return;
    this.keep(await rollouts.watchRollout(namespace, name, (r) => this.onRollout(r), onError));
  }

  private keep(stop: StopWatching): void {
    if (this.settled) stop();
    else this.stops.push(stop);
  }

  private onRollout(rollout: ArgoRollout): void {
    if (this.settled) return;
    const status = canaryStatus(rollout, this.pods, this.target.generation);
    this.seen = { rollout, status };
    if (!status.observed) return this.progress(status);
    if (status.phase === 'Paused') this.timeout.hold();
    else this.timeout.run();
    const failedRun = this.failedRun(rollout);
    if (failedRun) return void this.reportAnalysisFailure(failedRun);
    if (status.phase === 'Degraded') return this.finish(degradedOutcome(rollout, status));
    if (status.phase === 'Healthy') return this.finish({ kind: 'succeeded', message: `rollout "${this.target.rollout}" is Healthy: ${status.line}` });
    const stepped = this.reportStep(status);
    const paused = this.reportPause(status);
    if (stepped || paused) this.lastLine = status.line;
    else this.progress(status);
    for (const named of namedRuns(rollout)) {
      const run = this.runs.get(named.name);
      if (run) this.reportRun(run, status);
    }
    this.checkPods();
  }

  private onPods(pods: Pod[]): void {
    if (this.settled) return;
    this.pods = pods;
    if (this.seen?.status.observed) this.progress((this.seen.status = canaryStatus(this.seen.rollout, pods, this.target.generation)));
    this.checkPods();
  }

  private onRun(run: AnalysisRun): void {
    if (this.settled) return;
    this.runs.set(run.name, run);
    const seen = this.seen;
    if (!seen?.status.observed) return;
    // Only the runs this revision's status names: older revisions' runs (even of the same pod hash) are not this rollout's.
    const named = namedRuns(seen.rollout).find((r) => r.name === run.name);
    if (!named) return;
    if (isAnalysisFailure(run.phase)) return void this.reportAnalysisFailure(named);
    this.reportRun(run, seen.status);
  }

  /** A run of this revision that failed, by the Rollout's word or the run's own. */
  private failedRun(rollout: ArgoRollout): NamedRun | undefined {
    return namedRuns(rollout).find((r) => isAnalysisFailure(r.status) || isAnalysisFailure(this.runs.get(r.name)?.phase));
  }

  private reportStep(status: CanaryStatus): boolean {
    const { step } = status;
    if (!step) return false;
    // A step is always at an index.
    const index = status.stepIndex!;
    const key = `${index}`;
    if (key === this.stepKey) return false;
    this.stepKey = key;
    this.onStep({ kind: 'step', status, message: `Step ${index + 1}/${status.stepCount}: ${stepText(step)} — ${status.line}` });
    return true;
  }

  private reportPause(status: CanaryStatus): boolean {
    if (status.phase !== 'Paused') {
      this.pauseKey = undefined;
      return false;
    }
    const key = `${status.stepIndex}:${status.message}`;
    if (key === this.pauseKey) return false;
    this.pauseKey = key;
    const duration = status.step?.pause?.duration;
    const awaiting = duration === undefined ? 'awaiting promotion' : `for ${typeof duration === 'number' ? `${duration}s` : duration}`;
    this.onStep({ kind: 'paused', status, reason: status.message, message: `Paused (${status.message}), ${awaiting} — ${status.line}` });
    return true;
  }

  private reportRun(run: AnalysisRun, status: CanaryStatus): void {
    const analysis = analysisSummary(run);
    const message = analysisLine(analysis);
    if (this.runKeys.get(run.name) === message) return;
    this.runKeys.set(run.name, message);
    this.onStep({ kind: 'analysis', status, analysis, message });
  }

  private progress(status: CanaryStatus): void {
    if (status.line === this.lastLine) return;
    this.lastLine = status.line;
    this.onStep({ kind: 'progress', status, message: status.line });
  }

  /** `named` failed by the Rollout's word (its status then says Failed or Error) or by the run's own, already seen. */
  private async reportAnalysisFailure(named: NamedRun): Promise<void> {
    if (this.reportingFailure) return;
    this.reportingFailure = true;
    let run = this.runs.get(named.name);
    if (!isAnalysisFailure(run?.phase)) {
      // The Rollout said so before the run's own change arrived: read the run for its values (unreadable: the Rollout's word).
      run = (await this.deps.rollouts.getAnalysisRun(this.target.namespace, named.name).catch(() => undefined)) ?? run;
    }
    const read = run ? analysisSummary(run) : undefined;
    // A run unreadable, or read before its failure was written: the Rollout's word says how and why, with the values read.
    const summary: AnalysisSummary = read && isAnalysisFailure(read.phase) ? read : { run: named.name, phase: named.status, message: named.message, metrics: read?.metrics ?? [] };
    this.finish({ kind: 'failed', reason: 'AnalysisFailed', message: analysisFailureMessage(summary), events: [] });
  }

  private checkPods(): void {
    const seen = this.seen;
    if (this.reportingFailure || !seen?.status.observed) return;
    const hash = seen.rollout.status.currentPodHash;
    if (hash === undefined) return;
    const failure = podFailure(this.pods.filter((pod) => pod.labels[ROLLOUT_POD_TEMPLATE_HASH] === hash));
    if (!failure) return;
    this.reportingFailure = true;
    void this.lastEvents(failure.pod).then((events) => this.finish({ kind: 'failed', reason: failure.reason, message: failureMessage(failure), events }));
  }

  private async lastEvents(pod: string): Promise<string[]> {
    try {
      return (await this.deps.cluster.listEvents(this.target.namespace, pod)).slice(-EVENTS_QUOTED).map(eventLine);
    } catch {
      // The failure is worth reporting without its events.
      return [];
    }
  }

  private timeoutMessage(): string {
    const seconds = Math.round(this.target.timeoutMs / 1000);
    const last = this.lastLine ? `; last status: ${this.lastLine}` : '';
    return `timed out after ${seconds}s of progress (pauses not counted) waiting for rollout "${this.target.rollout}"${last}`;
  }

  // A promise settles once: a later finish or fail changes nothing, and end() may run again.
  private finish(outcome: RolloutOutcome): void {
    this.end();
    this.resolve(outcome);
  }

  private fail(error: unknown): void {
    this.end();
    this.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private end(): void {
    this.settled = true;
    this.timeout.hold();
    for (const stop of this.stops.splice(0)) stop();
  }
}

/** Degraded: Argo's reason and message (RolloutAborted, ProgressDeadlineExceeded, InvalidSpec). */
function degradedOutcome(rollout: ArgoRollout, status: CanaryStatus): RolloutOutcome {
  const message = `rollout "${rollout.name}" Degraded: ${status.message || 'no message'}`;
  const reasons = new Set(rollout.status.conditions.map((c) => c.reason));
  if (status.message.startsWith('ProgressDeadlineExceeded') || (!status.message.startsWith('RolloutAborted') && reasons.has('ProgressDeadlineExceeded'))) return { kind: 'deadline', message };
  const aborted = rollout.status.abort || status.message.startsWith('RolloutAborted') || reasons.has('RolloutAborted');
  return { kind: 'failed', reason: aborted ? 'RolloutAborted' : 'RolloutDegraded', message, events: [] };
}

/** The runs the Rollout's status names for this revision: the current step's and the background one. */
function namedRuns(rollout: ArgoRollout): NamedRun[] {
  return [rollout.status.stepAnalysisRun, rollout.status.backgroundAnalysisRun].filter((r) => r !== undefined);
}

function stepText(step: CanaryStep): string {
  if (step.setWeight !== undefined) return `setWeight ${step.setWeight}`;
  if (step.pause) return step.pause.duration === undefined ? 'pause' : `pause ${step.pause.duration}`;
  if (step.analysis) return `analysis ${step.analysis.templates.map((t) => t.templateName).join(', ')}`;
  return 'step';
}
