import { afterEach, beforeEach, vi } from 'vitest';
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.js';
import { CanaryGates } from '../../../../src/app/deploys/canary-gate.js';
import type { CanaryProgress } from '../../../../src/domain/deploys/watch-rollout.js';
import { plainTextOf, type RichValue } from '../../../../src/domain/text/rich-text.js';
import type { ApprovalRequest, StorePort } from '../../../../src/ports/store.port.js';

/**
 * A canary gate's world for tests that must tell a click from a poll: the
 * poll's interval is faked (it fires only when the test calls `poll()`), the
 * store is a real SQLite one whose request reads are recorded and whose next
 * call of a method can be made to fail, and every fake answers at once, so
 * `settle()` (one turn of the event loop) lets the gate finish what it started.
 */
export const NOW = new Date('2026-12-06T12:00:00.000Z');
export const POLL_MS = 60_000;
export const SUBJECT = { service: 'backend', version: '1.1.0', previousImage: 'shop/backend:1.0.0' };

export const pausedAt = (stepIndex: number, extra: Partial<CanaryProgress> = {}): CanaryProgress & { stepIndex: number } => ({
  stepIndex,
  stepCount: 5,
  setWeight: 20,
  paused: true,
  awaitingPromotion: true,
  line: `Step ${stepIndex + 1}/5 · setWeight 20 · Paused (CanaryPauseStep)`,
  ...extra,
});
export const moving = (stepIndex: number): CanaryProgress => ({ stepIndex, stepCount: 5, setWeight: 50, paused: false, awaitingPromotion: false, line: `Step ${stepIndex + 1}/5 · setWeight 50` });

/** Each test gets a fresh in-memory store (handed to `use`) and a poll that fires only when the test says so. */
export function useGateStore(use: (store: SqliteStore) => void): void {
  let store: SqliteStore;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    store = new SqliteStore(':memory:');
    await store.migrate();
    use(store);
  });
  afterEach(() => {
    store.close();
    vi.useRealTimers();
  });
}

export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

type Failing = 'getRequest' | 'createRequest' | 'updateRequest' | 'appendAudit';

/** The store the gate sees: reads recorded, one failure per method on demand, a hook run before each update (a racing click). */
function watched(inner: SqliteStore) {
  const reads: string[] = [];
  const failures = new Map<Failing, Error>();
  const hooks: { beforeUpdate?: () => Promise<void> } = {};
  const failOnce = (method: Failing) => {
    const error = failures.get(method);
    failures.delete(method);
    if (error) throw error;
  };
  const store = new Proxy(inner, {
    get(target, property) {
      if (property === 'getRequest') return async (id: string) => (reads.push(id), failOnce('getRequest'), target.getRequest(id));
      if (property === 'createRequest') return async (request: ApprovalRequest) => (failOnce('createRequest'), target.createRequest(request));
      if (property === 'appendAudit') return async (entry: Parameters<StorePort['appendAudit']>[0]) => (failOnce('appendAudit'), target.appendAudit(entry));
      if (property === 'updateRequest') {
        return async (next: ApprovalRequest) => {
          failOnce('updateRequest');
          await hooks.beforeUpdate?.();
          return target.updateRequest(next);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as StorePort;
  return { store, reads, hooks, failNext: (method: Failing, error: Error) => void failures.set(method, error) };
}

/** A world of gates over `inner`; the Rollout is paused at `pausedStep` (a promote for another step has moved on). */
export function gateWorld(inner: SqliteStore, options: { pausedStep?: number } = {}) {
  const said: string[] = [];
  const cards: string[] = [];
  const redrawn: { id: string; status: string; outcome?: string }[] = [];
  const calls: string[] = [];
  const logged: { message: string; error: unknown }[] = [];
  let pausedStep: number | undefined = options.pausedStep ?? 1;
  const workload = {
    async promote(stepIndex: number) {
      calls.push(`promote ${stepIndex}`);
      if (pausedStep !== stepIndex) return 'moved-on' as const;
      pausedStep = undefined;
      return 'promoted' as const;
    },
    async abort() {
      calls.push('abort');
    },
  };
  const { store, reads, hooks, failNext } = watched(inner);
  const gates = new CanaryGates({
    store,
    clock: { now: () => NOW, sleep: async () => undefined },
    config: { policy: {} as never, environments: { production: { protected: true } } as never },
    notifier: {
      progress: async (_request, text: RichValue) => void said.push(plainTextOf(text)),
      promoteCard: async (_deploy, promote) => void cards.push(promote.id),
      cardChanged: async (request, outcome) => void redrawn.push({ id: request.id, status: request.status, ...(outcome ? { outcome: plainTextOf(outcome) } : {}) }),
    },
    log: (message, error) => void logged.push({ message, error }),
    pollMs: POLL_MS,
  });
  return {
    gates,
    workload,
    said,
    cards,
    redrawn,
    calls,
    logged,
    reads,
    hooks,
    failNext,
    /** The poll's interval comes round once. */
    poll: () => vi.advanceTimersByTime(POLL_MS),
    setPaused: (step: number | undefined) => (pausedStep = step),
  };
}

/** A decision stored as a click on some replica stores it (the gate is not told). */
export async function decide(inner: SqliteStore, id: string, change: Partial<ApprovalRequest>): Promise<ApprovalRequest> {
  const current = (await inner.getRequest(id))!;
  const next = { ...current, ...change, decidedAt: NOW, version: current.version + 1 } as ApprovalRequest;
  if (!(await inner.updateRequest(next))) throw new Error(`${id} changed meanwhile`);
  return next;
}

export const approvedBy = (...userIds: string[]): Partial<ApprovalRequest> => ({
  status: 'approved',
  approvals: userIds.map((userId) => ({ userId, at: NOW })),
  decidedBy: userIds.at(-1)!,
});
