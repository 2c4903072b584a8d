import {
  ApiException,
  createConfiguration,
  CustomObjectsApi,
  PatchStrategy,
  ServerConfiguration,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { ArgoRollout, ArgoRolloutsPort } from '../../ports/argo-rollouts.port.js';
import { PortError } from '../../ports/port-error.js';
import { SHIPMATE_USER_AGENT } from '../../shipmate-version.js';
import type { ClusterPortOptions } from './cluster-adapter.js';
import { statusMessage } from './cluster-rollout.js';
import { isNotFoundOf, toPortError } from './kube-error.js';
import { listAndWatch } from './list-watch.js';
import { loadKubeConfig } from './load-kube-config.js';
import { requestTimeout, userAgent } from './request-middleware.js';
import { newestFirst, rolloutOwnerOf, toAnalysisRun, toArgoRollout, type AnalysisRunWire, type RolloutWire } from './to-domain-argo.js';
import { watchNamed } from './watch-named.js';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const DEFAULT_TIMEOUT_MS = 10_000;
export const ARGO_NOT_INSTALLED = 'Argo Rollouts is not installed (no rollouts.argoproj.io in the API server)';

const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export interface ArgoClients {
  kubeConfig: KubeConfig;
  custom: CustomObjectsApi;
  failure(error: unknown, operation: string): PortError;
}

/**
 * Argo Rollouts through @kubernetes/client-node's CustomObjectsApi, with the
 * same credentials, timeout and User-Agent as createClusterPort. With no
 * kubeconfig at all, every call fails as `unauthorized`.
 */
export function createArgoRolloutsPort(options: ClusterPortOptions = {}): ArgoRolloutsPort {
  let loaded: ReturnType<typeof loadKubeConfig>;
  try {
    loaded = loadKubeConfig(options);
  } catch (error) {
    if (error instanceof PortError && error.code === 'unauthorized') return unavailable(error);
    throw error;
  }
  const { kubeConfig, serverUrl, server } = loaded;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const custom = new CustomObjectsApi(
    createConfiguration({
      baseServer: new ServerConfiguration(serverUrl, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [requestTimeout(timeoutMs), userAgent(SHIPMATE_USER_AGENT)],
    }),
  );
  return argoRolloutsOperations({ kubeConfig, custom, failure: (error, operation) => toPortError(error, { operation, server, timeoutMs }) });
}

/** The port over one CustomObjectsApi. */
export function argoRolloutsOperations({ kubeConfig, custom, failure }: ArgoClients): ArgoRolloutsPort {
  const rollouts = (namespace: string) => ({ group: GROUP, version: VERSION, namespace, plural: 'rollouts' });
  const analysisRuns = (namespace: string) => ({ group: GROUP, version: VERSION, namespace, plural: 'analysisruns' });

  /** A 404 that is not about the named object: the path is unknown, which for a CR means its CRD is absent (asked of discovery). */
  const explain = async (error: unknown, operation: string, name?: string): Promise<PortError> => {
    if (error instanceof ApiException && error.code === 404 && (name === undefined || !isNotFoundOf(error, name))) {
      if (await argoIsAbsent(custom)) return new PortError('invalid', `${ARGO_NOT_INSTALLED} (${operation})`);
    }
    return failure(error, operation);
  };

  /** A patch's failure: the Rollout gone is the caller's mistake, as a refused (422) patch is. */
  const patchFailure = async (error: unknown, operation: string, namespace: string, name: string): Promise<PortError> => {
    if (isNotFoundOf(error, name)) return new PortError('invalid', `rollout/${name} not found in ${namespace}`);
    if (error instanceof ApiException && error.code === 422) {
      return new PortError('invalid', `Kubernetes ${operation} rejected: ${statusMessage(error) ?? 'invalid (422)'}`);
    }
    return explain(error, operation, name);
  };

  const readRollout = async (namespace: string, name: string): Promise<RolloutWire | undefined> => {
    try {
      return (await custom.getNamespacedCustomObject({ ...rollouts(namespace), name })) as RolloutWire;
    } catch (error) {
      if (isNotFoundOf(error, name)) return undefined;
      throw await explain(error, `get rollout ${namespace}/${name}`, name);
    }
  };

  const mustRead = async (namespace: string, name: string): Promise<RolloutWire> => {
    const rollout = await readRollout(namespace, name);
    if (!rollout) throw new PortError('invalid', `rollout/${name} not found in ${namespace}`);
    return rollout;
  };

  const patch = async (namespace: string, name: string, body: unknown, subresource: 'status' | undefined, json = false): Promise<RolloutWire> => {
    const request = { ...rollouts(namespace), name, body };
    const headers = json ? JSON_PATCH : MERGE_PATCH;
    return (await (subresource === 'status' ? custom.patchNamespacedCustomObjectStatus(request, headers) : custom.patchNamespacedCustomObject(request, headers))) as RolloutWire;
  };

  const listRuns = async (namespace: string, operation: string): Promise<{ items: AnalysisRunWire[]; metadata?: { resourceVersion?: string } }> => {
    try {
      return (await custom.listNamespacedCustomObject(analysisRuns(namespace))) as { items: AnalysisRunWire[]; metadata?: { resourceVersion?: string } };
    } catch (error) {
      throw await explain(error, operation);
    }
  };

  return {
    async getRollout(namespace, name) {
      const rollout = await readRollout(namespace, name);
      return rollout && toArgoRollout(rollout);
    },

    watchRollout: (namespace, name, onChange, onError) =>
      watchNamed<RolloutWire, ArgoRollout>({
        kubeConfig,
        failure,
        group: `apis/${GROUP}/${VERSION}`,
        plural: 'rollouts',
        kind: 'rollout',
        namespace,
        name,
        list: async (fieldSelector) => {
          try {
            return (await custom.listNamespacedCustomObject({ ...rollouts(namespace), fieldSelector })) as { items: RolloutWire[] };
          } catch (error) {
            throw await explain(error, `watch rollout ${namespace}/${name}`);
          }
        },
        toDomain: toArgoRollout,
        onChange,
        onError,
      }),

    async setRolloutImage(namespace, name, container, image) {
      const operation = `patch rollout ${namespace}/${name}`;
      const current = await mustRead(namespace, name);
      const names = (current.spec?.template?.spec?.containers ?? []).map((c) => c.name);
      const index = names.indexOf(container);
      if (index < 0) {
        throw new PortError('invalid', `container "${container}" not found in rollout/${name} in ${namespace} (it has ${names.join(', ') || 'none'})`);
      }
      // A custom resource takes no strategic merge patch, and a merge patch would replace the whole containers list.
      const body = [{ op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: image }];
      try {
        return toArgoRollout(await patch(namespace, name, body, undefined, true));
      } catch (error) {
        throw await patchFailure(error, operation, namespace, name);
      }
    },

    async promoteRollout(namespace, name, options = {}) {
      const current = await mustRead(namespace, name);
      const { spec, status, unified } = promotePatches(current, options.full === true);
      let result = current;
      try {
        if (status) {
          try {
            result = await patch(namespace, name, status, 'status');
          } catch (error) {
            // As the plugin does for a Rollouts release without the status subresource (v0.9): the whole patch on the object.
            if (!(error instanceof ApiException && error.code === 404)) throw error;
            return toArgoRollout(await patch(namespace, name, unified, undefined));
          }
        }
        if (spec) result = await patch(namespace, name, spec, undefined);
      } catch (error) {
        throw await patchFailure(error, `promote rollout ${namespace}/${name}`, namespace, name);
      }
      return toArgoRollout(result);
    },

    async abortRollout(namespace, name) {
      try {
        return toArgoRollout(await patch(namespace, name, { status: { abort: true } }, 'status'));
      } catch (error) {
        throw await patchFailure(error, `abort rollout ${namespace}/${name}`, namespace, name);
      }
    },

    async getAnalysisRun(namespace, name) {
      try {
        return toAnalysisRun((await custom.getNamespacedCustomObject({ ...analysisRuns(namespace), name })) as AnalysisRunWire);
      } catch (error) {
        if (isNotFoundOf(error, name)) return undefined;
        throw await explain(error, `get analysisrun ${namespace}/${name}`, name);
      }
    },

    async listAnalysisRuns(namespace, rollout) {
      const list = await listRuns(namespace, `list analysisruns of rollout ${namespace}/${rollout}`);
      return list.items.filter((run) => rolloutOwnerOf(run) === rollout).sort(newestFirst).map(toAnalysisRun);
    },

    async watchAnalysisRuns(namespace, rollout, onChange, onError) {
      const operation = `watch analysisruns of rollout ${namespace}/${rollout}`;
      // An AnalysisRun's name is generated and its owner is no selectable field: the namespace's runs, kept when the Rollout owns them.
      const deliver = (raw: AnalysisRunWire) => {
        if (rolloutOwnerOf(raw) === rollout) onChange(toAnalysisRun(raw));
      };
      try {
        return await listAndWatch<AnalysisRunWire>({
          kubeConfig,
          path: `/apis/${GROUP}/${VERSION}/namespaces/${encodeURIComponent(namespace)}/analysisruns`,
          selectors: {},
          list: async () => {
            const list = await listRuns(namespace, operation);
            return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
          },
          onList: (items) => items.forEach(deliver),
          onEvent: (type, object) => {
            if (type !== 'DELETED') deliver(object as AnalysisRunWire);
          },
          onError: (error) => onError(failure(error, operation)),
        });
      } catch (error) {
        throw failure(error, operation);
      }
    },
  };
}

interface PromotePatches {
  spec?: unknown;
  status?: unknown;
  /** What goes on the object itself when the status subresource is not served. */
  unified?: unknown;
}

/**
 * The merge patches of `kubectl argo rollouts promote` (getPatches in
 * pkg/kubectl-argo-rollouts/cmd/promote/promote.go): --full sets
 * status.promoteFull unless the canary is already the stable; otherwise the
 * pause conditions are cleared (and spec.paused unset when a person paused
 * it), or, with none (mid-analysis), the step index moves on by one.
 */
export function promotePatches(rollout: RolloutWire, full: boolean): PromotePatches {
  const status = rollout.status ?? {};
  if (full) {
    if (status.currentPodHash === status.stableRS) return {};
    const patch = { status: { promoteFull: true } };
    return { status: patch, unified: patch };
  }
  const paused = rollout.spec?.paused === true;
  const spec = paused ? { spec: { paused: false } } : undefined;
  const steps = rollout.spec?.strategy?.canary?.steps;
  let statusPatch: { status: Record<string, unknown> } | undefined;
  if ((status.pauseConditions ?? []).length > 0) {
    statusPatch = { status: { pauseConditions: null } };
  } else if (steps && steps.length > 0) {
    const index = status.currentStepIndex ?? 0;
    statusPatch = { status: { pauseConditions: null, currentStepIndex: index < steps.length ? index + 1 : index } };
  }
  if (!statusPatch) return spec ? { spec } : {};
  return { ...(spec ? { spec } : {}), status: statusPatch, unified: { ...spec, ...statusPatch } };
}

/** Whether discovery says the API server serves no argoproj.io/v1alpha1 rollouts; undefined-safe: any doubt is false. */
async function argoIsAbsent(custom: CustomObjectsApi): Promise<boolean> {
  try {
    const resources = await custom.getAPIResources({ group: GROUP, version: VERSION });
    return !resources.resources.some((r) => r.name === 'rollouts');
  } catch (error) {
    return error instanceof ApiException && error.code === 404;
  }
}

function unavailable(error: PortError): ArgoRolloutsPort {
  const fail = () => Promise.reject(error);
  return {
    getRollout: fail,
    watchRollout: fail,
    setRolloutImage: fail,
    promoteRollout: fail,
    abortRollout: fail,
    getAnalysisRun: fail,
    listAnalysisRuns: fail,
    watchAnalysisRuns: fail,
  };
}
