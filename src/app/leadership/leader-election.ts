import type { Clock } from '../../ports/clock.port.js';
import type { StorePort } from '../../ports/store.port.js';

export interface LeaderElectionOptions {
  /** Unique per process (host, pid and a random part). */
  holder: string;
  /** A leader that stops renewing is replaced after this long. */
  ttlMs: number;
  /** How often the lease is renewed by the leader, and tried by the others; must be shorter than `ttlMs`. */
  renewEveryMs: number;
  name?: string;
}

export interface LeadershipEvents {
  elected(): void | Promise<void>;
  deposed(): void | Promise<void>;
  log(message: string, error?: unknown): void;
}

type Answer = 'held' | 'lost' | 'unknown';

/**
 * One leader among the replicas sharing a store, by a lease in the store:
 * the leader renews it every `renewEveryMs`; the others try to take it as
 * often and succeed once it has not been renewed for `ttlMs`. A leader that
 * cannot reach the store steps down before its lease could have expired, so
 * two replicas never both think they lead: a watchdog on the clock counts
 * from the last renewal the store confirmed, whether or not the try under
 * way ever answers.
 */
export class LeaderElection {
  private leader = false;
  private lastRenewedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private ticking: Promise<void> | undefined;
  /** elected/deposed, outside the renewal loop so a slow takeover never delays a renewal; an election waits for the last step-down. */
  private transitions: Promise<void> = Promise.resolve();
  /** Counts changes of leadership: an answer to a try begun before the last change is stale and ignored. */
  private term = 0;
  private watchdog: AbortController | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly options: LeaderElectionOptions,
    private readonly events: LeadershipEvents,
  ) {
    if (!(options.renewEveryMs < options.ttlMs)) {
      throw new Error(`the leader lease must be renewed more often than it lasts (renewed every ${options.renewEveryMs} ms, lasts ${options.ttlMs} ms)`);
    }
  }

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
    this.watchdog?.abort();
    if (!this.leader) return;
    this.leader = false;
    await this.store.releaseLease(this.name, this.options.holder).catch((error: unknown) => this.events.log('could not release the leader lease; it expires by itself', error));
  }

  /** One try or renewal; exposed for tests that drive time themselves. Settles within `renewEveryMs` even when the store never answers. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    const term = this.term;
    const answer = await this.tryLease(now);
    // Leadership changed while we waited (the watchdog deposed us): only a try begun after that may make us lead again.
    if (term !== this.term) return;
    if (answer === 'held') {
      // Only a renewal the store confirmed extends the lease: counting from an unanswered try would keep us leading after it expired.
      this.lastRenewedAt = now.getTime();
      if (this.leader) this.armWatchdog();
      else this.elect();
    } else if (this.leader && (answer === 'lost' || !this.surelyStillOurs())) {
      this.depose();
    }
  }

  private get name(): string {
    return this.options.name ?? 'leader';
  }

  /** The store's answer, or `unknown` when it fails or has not answered by the time the next try is due (a late answer counts for nothing). */
  private async tryLease(at: Date): Promise<Answer> {
    const late = new AbortController();
    try {
      const answer = await Promise.race([
        this.store.tryLease({ name: this.name, holder: this.options.holder, at, ttlMs: this.options.ttlMs }).then((held): Answer => (held ? 'held' : 'lost')),
        this.clock.sleep(this.options.renewEveryMs, late.signal).then(() => 'late' as const),
      ]);
      if (answer !== 'late') return answer;
      this.events.log(`the leader lease could not be checked: the store did not answer within ${this.options.renewEveryMs} ms`);
    } catch (error) {
      this.events.log('the leader lease could not be checked', error);
    } finally {
      late.abort();
    }
    return 'unknown';
  }

  /** Time a leader may go without a confirmed renewal: one renewal period short of the lease, so it has stepped down before another replica can take over. */
  private get leadsForMs(): number {
    return this.options.ttlMs - this.options.renewEveryMs;
  }

  private surelyStillOurs(): boolean {
    return this.clock.now().getTime() - this.lastRenewedAt < this.leadsForMs;
  }

  /** Deposes at lastRenewedAt + leadsForMs unless a renewal is confirmed first (each one re-arms it). */
  private armWatchdog(): void {
    this.watchdog?.abort();
    const watchdog = (this.watchdog = new AbortController());
    const due = this.lastRenewedAt + this.leadsForMs - this.clock.now().getTime();
    void this.clock.sleep(Math.max(0, due), watchdog.signal).then(() => {
      if (watchdog.signal.aborted || !this.leader) return;
      if (this.surelyStillOurs()) return this.armWatchdog();
      this.events.log(`the leader lease was not renewed for ${this.clock.now().getTime() - this.lastRenewedAt} ms (it lasts ${this.options.ttlMs} ms): stepping down`);
      this.depose();
    });
  }

  private elect(): void {
    this.leader = true;
    const term = ++this.term;
    this.armWatchdog();
    // Queued behind the last step-down; skipped if leadership was lost again before its turn came.
    this.transitions = this.transitions.then(() => (term === this.term ? this.events.elected() : undefined)).catch((error: unknown) => this.failed(error));
  }

  private depose(): void {
    this.leader = false;
    this.term++;
    this.watchdog?.abort();
    // At once, not behind a takeover that may itself be waiting on the hung store: the follows must stop now.
    const stepping = Promise.resolve()
      .then(() => this.events.deposed())
      .catch((error: unknown) => this.failed(error));
    this.transitions = Promise.all([this.transitions, stepping]).then(() => undefined);
  }

  private failed(error: unknown): void {
    this.events.log('changing leadership failed', error);
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
