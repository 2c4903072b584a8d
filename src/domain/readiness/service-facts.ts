import type { ArgoRollout } from '../../ports/argo-rollouts.port.js';
import type { NetworkPolicy } from '../../ports/cluster.port.js';
import type { BuildSummary, CodeBuildProject } from '../../ports/codebuild.port.js';
import type { EcrImage, EcrRepository, Platform } from '../../ports/ecr.port.js';
import type { ProbeResult } from '../../ports/http-probe.port.js';
import type { ServiceQuota } from '../../ports/quotas.port.js';
import { createEcsFacts, type EcsFacts } from './ecs-facts.js';
import type { ReadinessPorts } from './readiness-ports.js';
import type { ServiceTarget } from './service-target.js';
import { rolloutAsWorkload, type WorkloadObject } from './workload-object.js';

/** Lookups a check may need, each made at most once per readiness run. */
export interface ServiceFacts extends EcsFacts {
  /** undefined when the service has no CodeBuild project configured or it does not exist. */
  project(): Promise<CodeBuildProject | undefined>;
  lastBuild(): Promise<BuildSummary | undefined>;
  /** Account-wide, shared by every service of the run. */
  buildsInProgress(): Promise<BuildSummary[]>;
  /** Account-wide, shared by every service of the run. */
  codebuildQuotas(): Promise<ServiceQuota[]>;
  repository(): Promise<EcrRepository | undefined>;
  /** undefined when there is no tag under review or the tag does not exist. */
  image(): Promise<EcrImage | undefined>;
  platforms(): Promise<Platform[]>;
  /** The Deployment, or (kind Rollout) the Rollout seen as one; undefined for an ECS service, or when it does not exist. */
  deployment(): Promise<WorkloadObject | undefined>;
  /** The Argo Rollout of a kind: Rollout service; undefined for any other service, or when it does not exist. */
  rollout(): Promise<ArgoRollout | undefined>;
  secretExists(name: string): Promise<boolean>;
  /** Shared by every service of the namespace. */
  networkPolicies(): Promise<NetworkPolicy[]>;
  probe(url: string, timeoutMs: number): Promise<ProbeResult>;
}

/** A run-wide memo: the same key asked twice gets the same promise, rejection included. */
export class FactsCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      // A rejection is read by whichever check awaits it; this keeps an unread one from crashing the process.
      entry.catch(() => undefined);
      this.entries.set(key, entry);
    }
    return entry;
  }
}

export function createServiceFacts(target: ServiceTarget, ports: ReadinessPorts, cache: FactsCache): ServiceFacts {
  const { namespace } = target;
  const rollout = (): Promise<ArgoRollout | undefined> => {
    if (target.runtime !== 'kubernetes' || target.kubernetes.kind !== 'Rollout') return Promise.resolve(undefined);
    const name = target.kubernetes.deployment;
    return cache.get(`argo:rollout:${namespace}/${name}`, () => ports.rollouts.getRollout(namespace, name));
  };
  const project = target.codebuild?.project;
  const { repository, tag } = target.ecr;
  return {
    project: () => (project ? cache.get(`cb:project:${project}`, () => ports.codebuild.getProject(project)) : Promise.resolve(undefined)),
    lastBuild: () =>
      project ? cache.get(`cb:last:${project}`, () => ports.codebuild.lastBuild(project)) : Promise.resolve(undefined),
    buildsInProgress: () => cache.get('cb:in-progress', () => ports.codebuild.buildsInProgress()),
    codebuildQuotas: () => cache.get('quotas:codebuild', () => ports.quotas.listQuotas('codebuild')),
    repository: () => cache.get(`ecr:repo:${repository}`, () => ports.ecr.getRepository(repository)),
    image: () =>
      tag ? cache.get(`ecr:image:${repository}:${tag}`, () => ports.ecr.describeImage(repository, tag)) : Promise.resolve(undefined),
    platforms: () =>
      tag ? cache.get(`ecr:platforms:${repository}:${tag}`, () => ports.ecr.imagePlatforms(repository, tag)) : Promise.resolve([]),
    deployment: async () => {
      if (target.runtime !== 'kubernetes') return undefined;
      if (target.kubernetes.kind === 'Rollout') {
        const found = await rollout();
        return found && rolloutAsWorkload(found);
      }
      const { deployment } = target.kubernetes;
      return cache.get(`k8s:deploy:${namespace}/${deployment}`, () => ports.cluster.getDeployment(namespace, deployment));
    },
    rollout,
    secretExists: (name) => cache.get(`k8s:secret:${namespace}/${name}`, () => ports.cluster.secretExists(namespace, name)),
    networkPolicies: () => cache.get(`k8s:netpol:${namespace}`, () => ports.cluster.listNetworkPolicies(namespace)),
    probe: (url, timeoutMs) => cache.get(`http:${url}`, () => ports.http.get(url, { timeoutMs })),
    ...createEcsFacts(target.runtime === 'ecs' ? target.ecs : undefined, ports, cache),
  };
}
