import type { DeployNotifier } from '../../../src/app/deploys/deploy-notifier.js';
import type { DeployPayload } from '../../../src/app/deploys/deploy-payload.js';
import type { DeployDeps } from '../../../src/app/deploys/run-deploy.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import type { ClusterPort, Deployment, KubeEvent, Pod, ReplicaSet, StopWatching } from '../../../src/ports/cluster.port.js';
import type { ApprovalRequest, AuditEntry, Lock, Run, StorePort } from '../../../src/ports/store.port.js';
import { fakePorts } from '../../support/fake-ports.js';
import { InMemoryOutboxAndSignatures } from '../../support/in-memory-outbox.js';

export const OLD_IMAGE = 'shop/backend:1.0.0@sha256:aaaa';
export const NEW_IMAGE = 'shop/backend:1.1.0@sha256:bbbb';
const NOW = new Date('2025-03-04T09:00:00.000Z');

/** An approved deploy of backend 1.1.0 to production. */
export function deployRequest(id = 'd4p1oy'): ApprovalRequest {
  const payload: DeployPayload = {
    service: 'backend',
    version: '1.1.0',
    namespace: 'shop',
    deployment: 'backend',
    container: 'app',
    repository: 'shop/backend',
    tag: '1.1.0',
    digest: 'sha256:bbbb',
    image: NEW_IMAGE,
    previousImage: OLD_IMAGE,
    override: false,
    card: { title: 'Deploy backend 1.1.0', changes: [], preflight: [], policyLine: '', protected: true },
  };
  return {
    id,
    action: 'deploy',
    environment: 'production',
    requestedBy: 'U0ALICE',
    requestedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * 60_000),
    status: 'approved',
    requiredApprovals: 1,
    approvals: [{ userId: 'U0BOB', at: NOW }],
    payload: payload as unknown as Record<string, unknown>,
    channelId: 'C0RELEASES',
    messageTs: '1700000000.000100',
    version: 2,
  };
}

/** Lets other calls run in between, as a real database round trip does. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The request, run, lock and audit parts of StorePort in memory, with the
 * port's semantics (conditional updates, active runs oldest first, decide
 * all at once); the outbox and signatures as in the SQL stores. The rest
 * throws. `holdActiveRuns` makes the next listActiveRuns answer with what it
 * read only when the test says so (a slow query).
 */
export class InMemoryDeployStore extends InMemoryOutboxAndSignatures implements StorePort {
  readonly requests = new Map<string, ApprovalRequest>();
  readonly runs = new Map<string, Run>();
  readonly locks = new Map<string, Lock>();
  readonly audit: AuditEntry[] = [];
  private held?: Promise<void>;

  /** The next listActiveRuns reads now and answers once `release` is called. */
  holdActiveRuns(): { release(): void } {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return { release: () => release() };
  }

  async migrate(): Promise<void> {}

  async createRequest(request: ApprovalRequest): Promise<void> {
    await roundTrip();
    this.requests.set(request.id, structuredClone(request));
  }

  async getRequest(id: string): Promise<ApprovalRequest | undefined> {
    await roundTrip();
    const request = this.requests.get(id);
    return request && structuredClone(request);
  }

  async createRun(run: Run): Promise<void> {
    await roundTrip();
    if (this.runs.has(run.id)) throw new Error(`duplicate run ${run.id}`);
    this.runs.set(run.id, structuredClone(run));
  }

  async updateRun(next: Run): Promise<boolean> {
    await roundTrip();
    const current = this.runs.get(next.id);
    if (!current || current.version !== next.version - 1) return false;
    this.runs.set(next.id, structuredClone(next));
    return true;
  }

  async getRun(id: string): Promise<Run | undefined> {
    await roundTrip();
    const run = this.runs.get(id);
    return run && structuredClone(run);
  }

  async listActiveRuns(): Promise<Run[]> {
    const active = [...this.runs.values()]
      .filter((r) => r.status === 'starting' || r.status === 'running')
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((r) => structuredClone(r));
    const held = this.held;
    this.held = undefined;
    await (held ?? roundTrip());
    return active;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await roundTrip();
    this.audit.push(entry);
  }

  async decide(next: ApprovalRequest, runs: readonly Run[], audit: readonly AuditEntry[]): Promise<boolean> {
    await roundTrip();
    const current = this.requests.get(next.id);
    if (!current || current.version !== next.version - 1) return false;
    this.requests.set(next.id, structuredClone(next));
    for (const run of runs) if (!this.runs.has(run.id)) this.runs.set(run.id, structuredClone(run));
    this.audit.push(...audit);
    return true;
  }

  async acquireLock(lock: Lock): Promise<{ acquired: boolean; lock: Lock }> {
    await roundTrip();
    const key = `${lock.service}/${lock.environment}`;
    const held = this.locks.get(key);
    if (held) return { acquired: false, lock: held };
    this.locks.set(key, lock);
    return { acquired: true, lock };
  }

  async getLock(service: string, environment: string): Promise<Lock | undefined> {
    return this.locks.get(`${service}/${environment}`);
  }

  async releaseLock(service: string, environment: string): Promise<boolean> {
    await roundTrip();
    return this.locks.delete(`${service}/${environment}`);
  }

  listRequests = unused;
  updateRequest = unused;
  runsOfRequest = unused;
  recentAudit = unused;
  auditSince = unused;
  claimDigest = unused;
  recordDigest = unused;
  lastDigest = unused;
  tryLease = unused;
  releaseLease = unused;
  ping = unused;
  async close(): Promise<void> {}
}

async function unused(): Promise<never> {
  throw new Error('not used by deploys');
}

/**
 * One Deployment, backend in shop, that `setContainerImage` patches (a new
 * generation) and whose watches the test drives: `rollOut()` sends the
 * version in which the controller has finished the current generation.
 */
export class FakeRolloutCluster implements Partial<ClusterPort> {
  image = OLD_IMAGE;
  generation = 1;
  readonly patches: string[] = [];
  opened = { deployment: 0, pods: 0 };
  stopped = { deployment: 0, pods: 0 };
  private deploymentListeners: ((d: Deployment) => void)[] = [];

  /** The controller has rolled out the current generation: every open Deployment watch sees it. */
  rollOut(): void {
    const done = this.deployment({ observedGeneration: this.generation, updatedReplicas: 3, availableReplicas: 3, replicas: 3 });
    for (const listener of this.deploymentListeners) listener(done);
  }

  async getDeployment(): Promise<Deployment | undefined> {
    return this.deployment({ observedGeneration: this.generation - 1 });
  }

  async setContainerImage(_ns: string, _name: string, _container: string, image: string): Promise<Deployment> {
    this.patches.push(image);
    this.image = image;
    this.generation++;
    return this.deployment({ observedGeneration: this.generation - 1 });
  }

  async watchDeployment(_ns: string, _name: string, onChange: (d: Deployment) => void): Promise<StopWatching> {
    this.opened.deployment++;
    this.deploymentListeners.push(onChange);
    return () => {
      this.stopped.deployment++;
      this.deploymentListeners = this.deploymentListeners.filter((l) => l !== onChange);
    };
  }

  async watchPods(_ns: string, _selector: Record<string, string>, onChange: (pods: Pod[]) => void): Promise<StopWatching> {
    this.opened.pods++;
    onChange([]);
    return () => void this.stopped.pods++;
  }

  async listReplicaSets(): Promise<ReplicaSet[]> {
    return [];
  }

  async listEvents(): Promise<KubeEvent[]> {
    return [];
  }

  private deployment(status: Partial<Deployment['status']>): Deployment {
    return {
      name: 'backend',
      namespace: 'shop',
      generation: this.generation,
      labels: { app: 'backend' },
      annotations: { 'deployment.kubernetes.io/revision': String(this.generation) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'backend' } },
        template: { labels: { app: 'backend' }, spec: { containers: [{ name: 'app', image: this.image }] } },
      },
      status: { replicas: 3, updatedReplicas: 0, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }], ...status },
    };
  }
}

/** Every line a deploy sends to Slack, by kind. */
export function recordingNotifier() {
  const sent = { progress: [] as string[], status: [] as string[], failure: [] as string[], verified: 0 };
  const notifier: DeployNotifier = {
    // As plain text: what a terminal would show of the RichText.
    progress: async (_r, text) => void sent.progress.push(String(text)),
    status: async (_r, line) => void sent.status.push(String(line)),
    failure: async (_r, text) => void sent.failure.push(String(text)),
    verified: async () => void sent.verified++,
  };
  return { notifier, sent };
}

/** Time stands still; a sleep ends only when its signal is aborted, as the port says. */
export const stillClock: Clock = {
  now: () => NOW,
  sleep: (_ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    }),
};

/** DeployDeps over the fakes; one replica's view of the shared store and cluster. */
export function deployDeps(store: InMemoryDeployStore, cluster: FakeRolloutCluster) {
  const { notifier, sent } = recordingNotifier();
  const verified: string[] = [];
  const logged: string[] = [];
  const deps: DeployDeps = {
    store,
    clock: stillClock,
    portsFor: () =>
      fakePorts({
        cluster: cluster as Partial<ClusterPort>,
        ecr: { describeImage: async () => ({ digest: 'sha256:bbbb', tags: ['1.1.0'], sizeBytes: 1, findingCounts: {} }) },
      }),
    notifier,
    verify: async (request) => {
      verified.push(request.id);
      return true;
    },
    hasSmokeTests: () => true,
    rolloutTimeoutMs: 15 * 60_000,
    log: (message) => void logged.push(message),
  };
  return { deps, sent, verified, logged };
}
