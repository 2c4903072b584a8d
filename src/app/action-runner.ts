import type { ActionKind, ApprovalRequest, Run, StorePort } from '../ports/store.port.js';
import { cutOffOnAbort } from './deploys/cut-off-on-abort.js';

export interface ActionRunnerOptions {
  /** How often the leader looks for runs it does not follow yet (approved on another replica, or left by a dead leader). */
  pollMs: number;
}

/** What a runner needs of its action's dependencies: the store and the notifier are cut off when a follow is aborted. */
export interface FollowDeps {
  store: StorePort;
  notifier: object;
  log(message: string, error?: unknown): void;
  signal?: AbortSignal;
}

/** One kind of long action (a deploy, a release): how its run is recorded, started and resumed. */
export interface ActionFlow<Deps extends FollowDeps> {
  kind: ActionKind;
  /** The run of an approved request, created unless it exists. */
  record(request: ApprovalRequest, deps: Deps): Promise<Run>;
  /** Picks the action up where its run is (a fresh run starts it). */
  resume(request: ApprovalRequest, run: Run, deps: Deps): Promise<void>;
}

/**
 * Who follows which run of one kind. Only the leading replica follows; a
 * replica that is not leading records the approved request's run and the
 * leader adopts it on its next look. Handing over aborts every follow
 * without touching the runs, so the next leader continues each from the
 * phase the store holds.
 */
export class ActionRunner<Deps extends FollowDeps> {
  private readonly following = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private adopting: Promise<void> | undefined;
  /** Looks under way, and the follows that ended meanwhile: a look's list, read before such a follow ended, still shows its run as active. */
  private looking = 0;
  private readonly endedWhileLooking = new Set<string>();

  constructor(
    private readonly deps: Deps,
    private readonly flow: ActionFlow<Deps>,
    private readonly options: ActionRunnerOptions,
  ) {}

  get followed(): number {
    return this.following.size;
  }

  /** After the deciding approval, on whichever replica took it. */
  async begin(request: ApprovalRequest): Promise<void> {
    if (this.leading) this.follow(request.id, async (deps) => this.flow.resume(request, await this.flow.record(request, deps), deps));
    else await this.flow.record(request, this.deps);
  }

  /** This replica leads now: adopt every active run of its kind, now and every pollMs. */
  lead(): void {
    if (this.leading) return;
    this.leading = true;
    this.schedule(0);
  }

  /** Stop following (shutdown, or leadership lost): every follow is aborted and awaited. */
  async handOver(): Promise<void> {
    this.leading = false;
    clearTimeout(this.timer);
    // Aborted before waiting for anything: a look stuck on a hung store must not keep the follows going.
    for (const follow of this.following.values()) follow.controller.abort(new Error('handed over'));
    await this.adopting;
    await Promise.all([...this.following.values()].map((f) => f.done));
  }

  /** One look for runs of its kind nobody here follows; exposed for tests. */
  async adopt(): Promise<number> {
    this.looking++;
    try {
      let adopted = 0;
      for (const run of await this.deps.store.listActiveRuns()) {
        if (run.kind !== this.flow.kind || !this.mayAdopt(run.requestId)) continue;
        const request = await this.deps.store.getRequest(run.requestId);
        // Asked again after the round trip: a follow may have begun or ended, or leadership gone, meanwhile.
        if (!request || !this.mayAdopt(run.requestId)) continue;
        this.follow(request.id, (deps) => this.flow.resume(request, run, deps));
        adopted++;
      }
      return adopted;
    } finally {
      if (--this.looking === 0) this.endedWhileLooking.clear();
    }
  }

  /** Leading, not following it, and it did not end during a look (the next look, reading afresh, takes it if still active). */
  private mayAdopt(requestId: string): boolean {
    return this.leading && !this.following.has(requestId) && !this.endedWhileLooking.has(requestId);
  }

  private follow(requestId: string, work: (deps: Deps) => Promise<void>): void {
    if (this.following.has(requestId)) return;
    const controller = new AbortController();
    const { signal } = controller;
    // Cut off at the abort: a store call left hanging ends the follow there, and nothing is written or said after it.
    const done = work({ ...this.deps, store: cutOffOnAbort(this.deps.store, signal), notifier: cutOffOnAbort(this.deps.notifier, signal), signal })
      .catch((error: unknown) => {
        if (!signal.aborted) this.deps.log(`${this.flow.kind} ${requestId} stopped unexpectedly`, error);
      })
      .finally(() => {
        this.following.delete(requestId);
        if (this.looking > 0) this.endedWhileLooking.add(requestId);
      });
    this.following.set(requestId, { controller, done });
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.adopting = this.adopt()
        .then(() => undefined)
        .catch((error: unknown) => this.deps.log(`looking for ${this.flow.kind}s to follow failed; trying again`, error))
        .finally(() => {
          this.adopting = undefined;
          if (this.leading) this.schedule(this.options.pollMs);
        });
    }, ms);
  }
}
