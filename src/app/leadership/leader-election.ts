import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';

export interface LeaderElectionOptions {
  /** Unique per process (host, pid and a random part). */
  holder: string;
  /** A leader that stops renewing is replaced after this long. */
  ttlMs: number;
  /** How often the lease is renewed by the leader, and tried by the others. */
  renewEveryMs: number;
  name?: string;
}

export interface LeadershipEvents {
  elected(): void | Promise<void>;
  deposed(): void | Promise<void>;
  log(message: string, error?: unknown): void;
}

/**
 * One leader among the replicas sharing a store, by a lease in the store:
 * the leader renews it every `renewEveryMs`; the others try to take it as
 * often and succeed once it has not been renewed for `ttlMs`. A leader that
 * cannot reach the store steps down before its lease could have expired, so
 * two replicas never both think they lead.
 */
export class LeaderElection {
  private leader = false;
  private lastRenewedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private ticking: Promise<void> | undefined;
  /** elected/deposed run one after another, outside the renewal loop, so a slow takeover never delays a renewal. */
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly options: LeaderElectionOptions,
    private readonly events: LeadershipEvents,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  get holder(): string {
    return this.options.holder;
  }

  /** Tries once at once and, when elected, waits for the takeover (so a lone replica leads from its first second); then keeps trying or renewing. */
  async start(): Promise<void> {
    this.stopped = false;
    // Kept in `ticking` like every other try, so a stop() that comes meanwhile waits for it and releases what it took.
    this.ticking = this.tick();
    await this.ticking;
    this.ticking = undefined;
    await this.transitions;
    if (!this.stopped) this.schedule();
  }

  /** Stops renewing and, when leading, releases the lease so another replica takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.transitions;
    if (!this.leader) return;
    this.leader = false;
    await this.store.releaseLease(this.name, this.options.holder).catch((error: unknown) => this.events.log('could not release the leader lease; it expires by itself', error));
  }

  /** One try or renewal; exposed for tests that drive time themselves. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    let held: boolean;
    try {
      held = await this.store.tryLease({ name: this.name, holder: this.options.holder, at: now, ttlMs: this.options.ttlMs });
      // Only a renewal the store confirmed extends the lease: counting from an unanswered try would keep us leading after it expired.
      if (held) this.lastRenewedAt = now.getTime();
    } catch (error) {
      this.events.log('the leader lease could not be checked', error);
      // Unknown: keep leading only while the lease we last renewed is surely still ours.
      held = this.leader && now.getTime() - this.lastRenewedAt < this.options.ttlMs - this.options.renewEveryMs;
    }
    if (held && !this.leader) {
      this.leader = true;
      this.transition(() => this.events.elected());
    } else if (!held && this.leader) {
      this.leader = false;
      this.transition(() => this.events.deposed());
    }
  }

  private get name(): string {
    return this.options.name ?? 'leader';
  }

  private transition(work: () => void | Promise<void>): void {
    this.transitions = this.transitions.then(work).catch((error: unknown) => this.events.log('changing leadership failed', error));
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (!this.stopped) this.schedule();
      });
    }, this.options.renewEveryMs);
  }
}
