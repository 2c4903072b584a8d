import { createStore } from '../../../src/adapters/store/create-store.js';
import type { BuildDeps } from '../../../src/domain/builds/build-deps.js';
import type { BuildPayload } from '../../../src/domain/builds/build-payload.js';
import type { BuildProgress } from '../../../src/domain/builds/build-progress.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import type { BuildSummary, CodeBuildPort, StartBuildInput } from '../../../src/ports/codebuild.port.js';
import type { EcrPort } from '../../../src/ports/ecr.port.js';
import { PortError } from '../../../src/ports/port-error.js';
import type { ApprovalRequest, StorePort } from '../../../src/ports/store.port.js';

export class ManualClock implements Clock {
  constructor(public ms = Date.parse('2026-11-22T10:00:00Z')) {}
  now = () => new Date(this.ms);
  sleep = async (ms: number) => {
    this.ms += ms;
  };
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const PAYLOAD: BuildPayload = {
  version: '1.1.0',
  services: ['backend', 'frontend'].map((service) => ({
    service,
    project: `${service}-build`,
    sourceVersion: 'refs/tags/v1.1.0',
    repository: `shop/${service}`,
    platform: 'linux/amd64',
    tag: '1.1.0',
  })),
};

export function approvedRequest(clock: Clock, id = 'b7k2q9'): ApprovalRequest {
  return {
    id,
    action: 'build',
    environment: 'staging',
    requestedBy: 'U0ALICE',
    requestedAt: clock.now(),
    expiresAt: new Date(clock.now().getTime() + 30 * 60_000),
    status: 'approved',
    requiredApprovals: 1,
    approvals: [{ userId: 'U0BOB', at: clock.now() }],
    payload: PAYLOAD as unknown as Record<string, unknown>,
    channelId: 'C0RELEASES',
    messageTs: '1700000000.000100',
    version: 2,
  };
}

/** CodeBuild whose builds the test moves by hand: `phases[id]` is where each build is now. */
export class ScriptedCodeBuild implements Partial<CodeBuildPort> {
  readonly builds = new Map<string, BuildSummary>();
  readonly started: StartBuildInput[] = [];
  refuseWith: PortError | undefined;
  batchCalls = 0;

  async startBuild(input: StartBuildInput): Promise<BuildSummary> {
    if (this.refuseWith) throw this.refuseWith;
    const existing = [...this.builds.values()].find((b) => b.id === `${input.projectName}:${input.idempotencyToken}`);
    if (existing) return existing;
    this.started.push(input);
    const build: BuildSummary = { id: `${input.projectName}:${input.idempotencyToken}`, projectName: input.projectName, status: 'IN_PROGRESS', currentPhase: 'SUBMITTED' };
    this.builds.set(build.id, build);
    return build;
  }

  async getBuilds(ids: readonly string[]): Promise<BuildSummary[]> {
    this.batchCalls++;
    return ids.map((id) => this.builds.get(id)).filter((b): b is BuildSummary => b !== undefined);
  }

  move(project: string, change: Partial<BuildSummary>): void {
    for (const [id, build] of this.builds) if (build.projectName === project) this.builds.set(id, { ...build, ...change });
  }
}

export const landedEcr: Partial<EcrPort> = {
  describeImage: async (repository, tag) => ({ digest: 'sha256:abc', tags: [tag], sizeBytes: 1, findingCounts: {} }),
  imagePlatforms: async () => ['linux/amd64', 'linux/arm64'],
};

export interface Harness {
  store: StorePort;
  clock: ManualClock;
  codebuild: ScriptedCodeBuild;
  shows: { at: number; progress: BuildProgress }[];
  finished: BuildProgress[];
  deps: BuildDeps;
}

export async function harness(): Promise<Harness> {
  const store = createStore('sqlite::memory:');
  await store.migrate();
  const clock = new ManualClock();
  const codebuild = new ScriptedCodeBuild();
  const shows: Harness['shows'] = [];
  const finished: BuildProgress[] = [];
  const deps: BuildDeps = {
    store,
    clock,
    codebuildFor: () => codebuild as unknown as CodeBuildPort,
    ecrFor: () => landedEcr as EcrPort,
    explainLimit: async (_env, project, message) => ({ message, quota: { name: `quota of ${project}`, code: 'L-ACCF6C0D', value: 0 } }),
    sink: {
      show: async (progress, where) => {
        shows.push({ at: clock.ms, progress: structuredClone(progress) });
        return { messageTs: where.messageTs ?? '1700000000.000200' };
      },
      finished: async (progress) => {
        finished.push(structuredClone(progress));
      },
    },
    log: () => undefined,
  };
  return { store, clock, codebuild, shows, finished, deps };
}
