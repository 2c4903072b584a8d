import type { WorldAnalysis } from '../world.js';
import type { KubeObject } from './kube-objects.js';
import type { KubeStore } from './kube-store.js';
import { ARGO_API_VERSION, ROLLOUT_POD_TEMPLATE_HASH, ROLLOUT_REVISION, type AnalysisTemplateRef, type RolloutShape } from './rollout-argo-objects.js';

/** A metric's measurement is Failed when its value is above this, unless the world names another. */
export const DEFAULT_MAX_VALUE = 1;
export const DEFAULT_INTERVAL_SECONDS = 0.2;
/** Where the sandbox says its metrics come from; nothing listens there, the values are the world's. */
const PROMETHEUS_ADDRESS = 'http://prometheus.monitoring.svc.cluster.local:9090';

export interface Measurement {
  phase: string;
  value?: string;
  message?: string;
  startedAt: string;
  finishedAt?: string;
}

/** status.metricResults[] of an AnalysisRun (zero counts left out, as Argo's omitempty does). */
export interface MetricResult {
  name: string;
  phase: string;
  measurements?: Measurement[];
  message?: string;
  count?: number;
  successful?: number;
  failed?: number;
  error?: number;
  consecutiveError?: number;
}

export interface AnalysisMetric {
  name: string;
  interval: string;
  count: number;
  failureLimit: number;
  successCondition: string;
  provider: { prometheus: { address: string; query: string } };
}

export interface AnalysisRunShape extends KubeObject {
  spec: { metrics: AnalysisMetric[]; args?: unknown[]; terminate?: boolean };
  status: {
    phase: string;
    message?: string;
    startedAt?: string;
    metricResults?: MetricResult[];
    runSummary?: { count?: number; successful?: number; failed?: number; error?: number };
  };
}

/** One metric per template of the step: the world's `kubernetes.analysis` entry of the template (or of the metric) says its values. */
export function metricsOf(templates: AnalysisTemplateRef[], analysis: Record<string, WorldAnalysis>): AnalysisMetric[] {
  return templates.map((template) => {
    const config = analysis[template.templateName] ?? Object.values(analysis).find((a) => a.metric === template.templateName);
    const name = config?.metric ?? template.templateName;
    return {
      name,
      interval: `${config?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS}s`,
      count: config?.values.length ?? 1,
      failureLimit: config?.failureLimit ?? 0,
      successCondition: `result[0] <= ${config?.maxValue ?? DEFAULT_MAX_VALUE}`,
      provider: { prometheus: { address: PROMETHEUS_ADDRESS, query: config?.query ?? `${name.replace(/[^a-zA-Z0-9_]/g, '_')}` } },
    };
  });
}

/**
 * The AnalysisRun of a canary's analysis step, named as Argo names it
 * (<rollout>-<pod hash>-<revision>-<step index>), labelled with the step and
 * owned by the Rollout; Pending until its first measurement.
 */
export function stepAnalysisRun(
  rollout: RolloutShape,
  stepIndex: number,
  templates: AnalysisTemplateRef[],
  analysis: Record<string, WorldAnalysis>,
  uid: string,
  at: string,
): AnalysisRunShape {
  const hash = rollout.status?.currentPodHash ?? '';
  const revision = rollout.metadata?.annotations?.[ROLLOUT_REVISION] ?? '1';
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'AnalysisRun',
    metadata: {
      name: `${rollout.metadata?.name}-${hash}-${revision}-${stepIndex}`,
      namespace: rollout.metadata?.namespace ?? '',
      uid,
      generation: 1,
      creationTimestamp: at,
      labels: { [ROLLOUT_POD_TEMPLATE_HASH]: hash, 'rollout-type': 'Step', 'step-index': String(stepIndex) },
      annotations: { [ROLLOUT_REVISION]: revision },
      ownerReferences: [
        { apiVersion: ARGO_API_VERSION, kind: 'Rollout', name: rollout.metadata?.name ?? '', uid: rollout.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: { metrics: metricsOf(templates, analysis), args: [] },
    status: { phase: 'Pending' },
  };
}

/** The AnalysisRuns of a namespace: the same array each call, which is what the API serves. */
export const storedAnalysisRuns = (store: KubeStore, namespace: string): AnalysisRunShape[] =>
  store.remember(`analysisruns/${namespace}`, () => [] as AnalysisRunShape[]);
