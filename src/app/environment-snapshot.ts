import type { ShipmateConfig } from '../config/schema.js';
import { parseImageRef } from '../domain/image-ref.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { ReadinessReport, Verdict } from '../domain/readiness/report.js';
import { runReadiness } from '../domain/readiness/run-readiness.js';
import { verdictOf } from '../domain/readiness/score.js';
import type { Clock } from '../ports/clock.port.js';
import { runningImage } from './running-image.js';
import { SnapshotCache } from './snapshot-cache.js';

export interface ServiceSnapshot {
  service: string;
  /** The service's own verdict in the readiness run; undefined when it could not run. */
  verdict?: Verdict;
  image?: string;
  tag?: string;
  digest?: string;
  /** Why the Deployment could not be read. */
  problem?: string;
}

export interface EnvironmentSnapshot {
  environment: string;
  /** When the snapshot began: what it shows is no older than this. */
  takenAt: Date;
  report?: ReadinessReport;
  services: ServiceSnapshot[];
}

/** How old a snapshot /shipmate status and the App Home may show (SPEC §13: viewers must not be able to burn the AWS API quota). */
export const SNAPSHOT_MAX_AGE_MS = 60_000;

const recentSnapshots = new WeakMap<ReadinessPorts, SnapshotCache<EnvironmentSnapshot>>();

/**
 * The environment's snapshot, at most a minute old, taken once for every
 * viewer of this process: concurrent viewers share the one being taken. Kept
 * per environment by its ports (the composition root builds one set per
 * environment).
 */
export function recentEnvironmentSnapshot(config: ShipmateConfig, environment: string, ports: ReadinessPorts, clock: Clock): Promise<EnvironmentSnapshot> {
  let snapshots = recentSnapshots.get(ports);
  if (!snapshots) {
    snapshots = new SnapshotCache(() => environmentSnapshot(config, environment, ports, clock), { clock, maxAgeMs: SNAPSHOT_MAX_AGE_MS });
    recentSnapshots.set(ports, snapshots);
  }
  return snapshots.get();
}

/** Where an environment stands: a readiness run, and the image each service's container runs. Shared by /shipmate status and the App Home. */
export async function environmentSnapshot(config: ShipmateConfig, environment: string, allPorts: ReadinessPorts, clock: Clock): Promise<EnvironmentSnapshot> {
  const takenAt = clock.now();
  const env = config.environments[environment]!;
  const ports = readingDeploymentsOnce(allPorts);
  const report = await runReadiness(config, { environment }, ports).catch(() => undefined);
  const services = await Promise.all(
    (env.services ?? Object.keys(config.services)).map(async (service): Promise<ServiceSnapshot> => {
      const verdict = report ? verdictOf(report.checks.filter((c) => c.service === service)) : undefined;
      const base = { service, ...(verdict ? { verdict } : {}) };
      try {
        const image = await runningImage(config, environment, service, ports);
        const ref = image ? parseImageRef(image) : undefined;
        return { ...base, ...(image ? { image } : {}), ...(ref?.tag ? { tag: ref.tag } : {}), ...(ref?.digest ? { digest: ref.digest } : {}) };
      } catch (error) {
        return { ...base, problem: (error as Error).message };
      }
    }),
  );
  return { environment, takenAt, ...(report ? { report } : {}), services };
}

/**
 * The readiness run already reads every Deployment and ECS service (and its
 * task definition): the image column reuses those reads rather than asking the
 * API server or ECS again.
 */
function readingDeploymentsOnce(ports: ReadinessPorts): ReadinessPorts {
  return {
    ...ports,
    cluster: readingOnce(ports.cluster, ['getDeployment']),
    ecs: readingOnce(ports.ecs, ['describeService', 'describeTaskDefinition']),
  };
}

/** The port with each of `methods` asked at most once per distinct arguments (the same promise, rejection included). */
function readingOnce<T extends object>(port: T, methods: readonly (keyof T & string)[]): T {
  const reads = new Map<string, Promise<unknown>>();
  return new Proxy(port, {
    get: (target, property) => {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const call = (value as (...args: unknown[]) => Promise<unknown>).bind(target);
      if (!(methods as readonly (string | symbol)[]).includes(property)) return call;
      return (...args: unknown[]) => {
        const key = `${String(property)} ${JSON.stringify(args)}`;
        let read = reads.get(key);
        if (!read) {
          read = call(...args);
          reads.set(key, read);
        }
        return read;
      };
    },
  });
}
