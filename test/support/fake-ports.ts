import type { CheckContext } from '../../src/domain/checks/check.js';
import type { ReadinessPorts } from '../../src/domain/readiness/readiness-ports.js';
import { createServiceFacts, FactsCache } from '../../src/domain/readiness/service-facts.js';
import type { EcsServiceTarget, KubernetesServiceTarget, ServiceTarget } from '../../src/domain/readiness/service-target.js';

type PortOverrides = { [K in keyof ReadinessPorts]?: Partial<ReadinessPorts[K]> };

/** In-memory ports: what a test gives is answered, anything else throws so an unexpected call is seen. */
export function fakePorts(overrides: PortOverrides = {}): ReadinessPorts {
  const port = <K extends keyof ReadinessPorts>(name: K): ReadinessPorts[K] =>
    new Proxy(overrides[name] ?? {}, {
      get(target, method: string) {
        const fn = (target as Record<string, unknown>)[method];
        if (fn) return fn;
        return () => Promise.reject(new Error(`fake ${name}.${method} was not stubbed`));
      },
    }) as ReadinessPorts[K];
  return {
    codebuild: port('codebuild'),
    ecr: port('ecr'),
    quotas: port('quotas'),
    cluster: port('cluster'),
    rollouts: port('rollouts'),
    http: port('http'),
    ecs: port('ecs'),
    secrets: port('secrets'),
  };
}

export function serviceTarget(overrides: Partial<KubernetesServiceTarget> = {}): KubernetesServiceTarget {
  return {
    runtime: 'kubernetes',
    service: 'backend',
    environment: 'staging',
    namespace: 'shop-staging',
    version: '1.1.0',
    versionSource: 'requested',
    codebuild: { project: 'backend-build', sourceVersion: 'refs/tags/v1.1.0' },
    ecr: { repository: 'shop/backend', platform: 'linux/amd64', tag: '1.1.0' },
    kubernetes: { deployment: 'backend', container: 'backend' },
    healthUrl: 'https://staging.shop.example.com/health',
    ...overrides,
  };
}

/** An ECS service (the sandbox's staging api): cluster shop-staging, service api, container api. */
export function ecsServiceTarget(overrides: Partial<EcsServiceTarget> = {}): EcsServiceTarget {
  return {
    runtime: 'ecs',
    service: 'api',
    environment: 'staging',
    namespace: 'shop-staging',
    version: '1.1.0',
    versionSource: 'requested',
    ecr: { repository: 'shop/api', platform: 'linux/amd64', tag: '1.1.0' },
    ecs: { cluster: 'shop-staging', service: 'api', container: 'api' },
    ...overrides,
  };
}

export function checkContext(
  options: {
    target?: Partial<KubernetesServiceTarget> | (Partial<EcsServiceTarget> & { runtime: 'ecs' });
    ports?: PortOverrides;
    settings?: Partial<CheckContext['settings']>;
  } = {},
): CheckContext {
  const target: ServiceTarget = options.target?.runtime === 'ecs' ? ecsServiceTarget(options.target) : serviceTarget(options.target);
  return {
    target,
    settings: { scanSeverity: 'HIGH', imageSizeBudgetMb: 1024, healthBudgetMs: 1000, ...options.settings },
    facts: createServiceFacts(target, fakePorts(options.ports), new FactsCache()),
    signal: new AbortController().signal,
  };
}
