import type { V1PodSpec } from '@kubernetes/client-node';
import type {
  AnalysisMeasurement,
  AnalysisMetricResult,
  AnalysisRun,
  ArgoRollout,
  CanaryStep,
} from '../../ports/argo-rollouts.port.js';
import { defined, toPodSpec } from './to-domain.js';

/**
 * Argo's custom resources arrive as plain JSON (CustomObjectsApi does not
 * deserialize them), so these shapes are the wire's, with Argo's field names
 * (pkg/apis/rollouts/v1alpha1/types.go), every field optional.
 */
interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
}

interface RunStatusWire {
  name?: string;
  status?: string;
  message?: string;
}

export interface RolloutWire {
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    paused?: boolean;
    template?: { metadata?: { labels?: Record<string, string> }; spec?: V1PodSpec };
    strategy?: { canary?: { steps?: Record<string, unknown>[] } };
  };
  status?: {
    phase?: string;
    message?: string;
    observedGeneration?: string | number;
    currentStepIndex?: number;
    currentPodHash?: string;
    stableRS?: string;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    pauseConditions?: { reason?: string; startTime?: string }[] | null;
    controllerPause?: boolean;
    abort?: boolean;
    abortedAt?: string;
    canary?: {
      weights?: { canary?: { weight?: number }; stable?: { weight?: number } };
      currentStepAnalysisRunStatus?: RunStatusWire;
      currentBackgroundAnalysisRunStatus?: RunStatusWire;
    };
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  };
}

export interface AnalysisRunWire {
  metadata?: ObjectMeta;
  spec?: {
    metrics?: { name?: string; successCondition?: string; failureCondition?: string; failureLimit?: number | string; count?: number | string; interval?: string }[];
  };
  status?: {
    phase?: string;
    message?: string;
    startedAt?: string;
    metricResults?: {
      name?: string;
      phase?: string;
      measurements?: { phase?: string; value?: string; message?: string; startedAt?: string; finishedAt?: string }[];
      count?: number;
      successful?: number;
      failed?: number;
      inconclusive?: number;
      error?: number;
      message?: string;
    }[];
  };
}

export function toArgoRollout(raw: RolloutWire): ArgoRollout {
  const { metadata = {}, spec = {}, status = {} } = raw;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    uid: metadata.uid ?? '',
    generation: metadata.generation ?? 0,
    ...defined({ resourceVersion: metadata.resourceVersion }),
    spec: {
      // Argo's default, as for a Deployment: a Rollout without spec.replicas runs one pod.
      replicas: spec.replicas ?? 1,
      template: { labels: { ...spec.template?.metadata?.labels }, spec: toPodSpec(spec.template?.spec) },
      canarySteps: (spec.strategy?.canary?.steps ?? []).map(toCanaryStep),
      paused: spec.paused === true,
    },
    status: {
      ...defined({
        phase: status.phase,
        message: status.message,
        observedGeneration: toGeneration(status.observedGeneration),
        currentStepIndex: status.currentStepIndex,
        currentPodHash: status.currentPodHash,
        stableRS: status.stableRS,
        abortedAt: status.abortedAt,
        weights: toWeights(status.canary?.weights),
        stepAnalysisRun: toRunStatus(status.canary?.currentStepAnalysisRunStatus),
        backgroundAnalysisRun: toRunStatus(status.canary?.currentBackgroundAnalysisRunStatus),
      }),
      replicas: status.replicas ?? 0,
      updatedReplicas: status.updatedReplicas ?? 0,
      readyReplicas: status.readyReplicas ?? 0,
      availableReplicas: status.availableReplicas ?? 0,
      pauseConditions: (status.pauseConditions ?? []).map((p) => ({ reason: p.reason ?? '', ...defined({ startTime: p.startTime }) })),
      controllerPause: status.controllerPause === true,
      abort: status.abort === true,
      conditions: (status.conditions ?? []).map((c) => ({
        type: c.type ?? '',
        status: c.status ?? '',
        ...defined({ reason: c.reason, message: c.message }),
      })),
    },
  };
}

export function toAnalysisRun(raw: AnalysisRunWire): AnalysisRun {
  const { metadata = {}, spec = {}, status = {} } = raw;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    labels: { ...metadata.labels },
    ...defined({
      rollout: rolloutOwnerOf(raw),
      phase: status.phase,
      message: status.message,
      startedAt: status.startedAt,
    }),
    metrics: (spec.metrics ?? []).map((m) => ({
      name: m.name ?? '',
      ...defined({
        successCondition: m.successCondition,
        failureCondition: m.failureCondition,
        failureLimit: toCount(m.failureLimit),
        count: toCount(m.count),
        interval: m.interval,
      }),
    })),
    metricResults: (status.metricResults ?? []).map(
      (r): AnalysisMetricResult => ({
        name: r.name ?? '',
        phase: r.phase ?? '',
        measurements: (r.measurements ?? []).map(
          (m): AnalysisMeasurement => ({
            phase: m.phase ?? '',
            ...defined({ value: m.value, message: m.message, startedAt: m.startedAt, finishedAt: m.finishedAt }),
          }),
        ),
        // Argo leaves zero counts out (omitempty).
        count: r.count ?? 0,
        successful: r.successful ?? 0,
        failed: r.failed ?? 0,
        inconclusive: r.inconclusive ?? 0,
        error: r.error ?? 0,
        ...defined({ message: r.message }),
      }),
    ),
  };
}

/** The Rollout that controls an AnalysisRun, by its controller ownerReference. */
export function rolloutOwnerOf(raw: AnalysisRunWire): string | undefined {
  return raw.metadata?.ownerReferences?.find((r) => r.controller === true && r.kind === 'Rollout')?.name || undefined;
}

/** Newest first: by creation (a Pending run has no startedAt yet), then by name, which ends in the revision and step index. */
export function newestFirst(a: AnalysisRunWire, b: AnalysisRunWire): number {
  const created = (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '');
  return created || (b.metadata?.name ?? '').localeCompare(a.metadata?.name ?? '', undefined, { numeric: true });
}

function toCanaryStep(step: Record<string, unknown>): CanaryStep {
  const out: CanaryStep = {};
  if (typeof step.setWeight === 'number') out.setWeight = step.setWeight;
  if (typeof step.pause === 'object' && step.pause !== null) {
    const { duration } = step.pause as { duration?: unknown };
    out.pause = typeof duration === 'string' || typeof duration === 'number' ? { duration } : {};
  }
  if (typeof step.analysis === 'object' && step.analysis !== null) {
    const templates = ((step.analysis as { templates?: { templateName?: string; clusterScope?: boolean }[] }).templates ?? []).map((t) => ({
      templateName: t.templateName ?? '',
      ...defined({ clusterScope: t.clusterScope }),
    }));
    out.analysis = { templates };
  }
  return out;
}

/** Argo writes observedGeneration as a string; anything but a whole number is left out rather than NaN. */
function toGeneration(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const generation = Number(value);
  return Number.isInteger(generation) && generation >= 0 ? generation : undefined;
}

/** count and failureLimit are IntOrString in Argo's CRD; a templated string ("{{args.n}}") is left out. */
function toCount(value: number | string | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** status.canary.weights: only with traffic routing; a basic canary has none, and the domain derives the weight. */
function toWeights(weights: { canary?: { weight?: number }; stable?: { weight?: number } } | undefined): ArgoRollout['status']['weights'] {
  if (weights?.canary?.weight === undefined && weights?.stable?.weight === undefined) return undefined;
  return { canary: weights.canary?.weight ?? 0, stable: weights.stable?.weight ?? 0 };
}

function toRunStatus(run: RunStatusWire | undefined): { name: string; status: string; message?: string } | undefined {
  if (!run?.name) return undefined;
  return { name: run.name, status: run.status ?? '', ...defined({ message: run.message }) };
}
