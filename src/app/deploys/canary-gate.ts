import type { ShipmateConfig } from '../../config/schema.js';
import type { CanaryProgress } from '../../domain/deploys/watch-rollout.js';
import type { Workload } from '../../domain/deploys/workload.js';
import { code, joinRich, mention, rich, type RichValue } from '../../domain/text/rich-text.js';
import type { Clock } from '../../ports/clock.port.js';
import type { ApprovalRequest, StorePort } from '../../ports/store.port.js';
import { newPromoteRequest, promotePayloadOf, promoteRequestId, type CanarySubject } from './promote-request.js';

export interface CanaryGateDeps {
  store: StorePort;
  clock: Clock;
  config: Pick<ShipmateConfig, 'policy' | 'environments'>;
  notifier: {
    progress(request: ApprovalRequest, text: RichValue): Promise<void>;
    /** Posts the Promote / Abort card in the deploy's thread, once (a second call for the same request is a no-op). */
    promoteCard(deploy: ApprovalRequest, promote: ApprovalRequest): Promise<void>;
    /** Redraws a Promote / Abort card as its request now stands. */
    cardChanged(request: ApprovalRequest, outcome?: RichValue): Promise<void>;
  };
  log(message: string, error?: unknown): void;
  /** How often a paused canary's request is read for a decision taken on another replica (a click here pokes at once). */
  pollMs: number;
}

type Decided = ApprovalRequest & { status: 'approved' | 'rejected' | 'cancelled' };

/**
 * The person's part of one deploy's canary (SPEC §11): at a pause that
 * waits for promotion it opens a Promote / Abort request under the `promote`
 * policy and posts its card in the thread; the decision — taken by a click on
 * any replica, found by a poke or the next poll — is carried out here, by
 * the one process that follows the rollout: Promote only while the Rollout
 * is still paused at that step, Abort at once. A restart follows the canary
 * again, finds the same request by its id and acts on a decision it missed.
 */
export class CanaryGate {
  private pausedAt?: number;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private closed = false;
  /** The latest pause's request being found or created: closing it waits for it, or a request made after the close would stay open. */
  private opening: Promise<void> = Promise.resolve();

  constructor(
    private readonly deploy: ApprovalRequest,
    private readonly subject: CanarySubject,
    private readonly workload: Required<Pick<Workload, 'promote' | 'abort'>>,
    private readonly deps: CanaryGateDeps,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /** Every progress of the canary. */
  onProgress(canary: CanaryProgress): void {
    if (this.closed) return;
    if (canary.awaitingPromotion && canary.stepIndex !== undefined) {
      if (this.pausedAt === canary.stepIndex) return;
      this.leavePause('the canary went on without it');
      this.pausedAt = canary.stepIndex;
      this.opening = this.guarded(this.openPause({ ...canary, stepIndex: canary.stepIndex }));
      return;
    }
    this.leavePause('the canary went on without it (promoted elsewhere, or its pause ended)');
  }

  /** A decision was taken on this replica: look now rather than at the next poll. */
  poke(): void {
    if (!this.closed) this.check();
  }

  /** The follow ended (success, failure, hand-over): no more polls; an open request is closed unless handed over. */
  async close(why: string | undefined): Promise<void> {
    this.closed = true;
    this.onClose();
    clearInterval(this.timer);
    await this.checking;
    if (!why || this.pausedAt === undefined) return;
    await this.opening;
    await this.closeRequest(this.pausedAt, why);
  }

  private async openPause(canary: CanaryProgress & { stepIndex: number }): Promise<void> {
    const id = this.requestId(canary.stepIndex);
    let request = await this.deps.store.getRequest(id);
    if (!request) {
      request = newPromoteRequest(this.deploy, this.subject, canary, this.deps.config, this.deps.clock.now());
      await this.deps.store.createRequest(request);
      const step = `${canary.stepIndex + 1}/${canary.stepCount}`;
      await this.audit('promote.requested', id, `${promotePayloadOf(request).service} canary paused at step ${step}: ${canary.line}`);
    }
    if (request.status === 'pending') await this.deps.notifier.promoteCard(this.deploy, request);
    if (this.closed || this.pausedAt !== canary.stepIndex) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.check(), this.deps.pollMs);
    this.check();
  }

  private check(): void {
    if (this.checking || this.pausedAt === undefined) return;
    const stepIndex = this.pausedAt;
    this.checking = this.decide(stepIndex)
      .catch((error: unknown) => this.deps.log(`canary of ${this.deploy.id}: the Promote / Abort of step ${stepIndex + 1} could not be carried out; trying again`, error))
      .finally(() => (this.checking = undefined));
  }

  private async decide(stepIndex: number): Promise<void> {
    const request = await this.deps.store.getRequest(this.requestId(stepIndex));
    if (!request || request.status === 'pending' || this.closed || this.pausedAt !== stepIndex) return;
    const decided = request as Decided;
    if (decided.status === 'approved') await this.promote(decided, stepIndex);
    else if (request.status !== 'expired') await this.abort(decided, stepIndex);
    // Only once carried out: a cluster that refused or timed out is asked again at the next poll.
    clearInterval(this.timer);
  }

  private async promote(request: Decided, stepIndex: number): Promise<void> {
    const by = request.approvals.map((a) => a.userId);
    const outcome = await this.workload.promote(stepIndex);
    if (outcome === 'moved-on') return;
    const step = `${stepIndex + 1}/${promotePayloadOf(request).stepCount}`;
    await this.audit('promote.applied', request.id, `promoted past step ${step} (approved by ${by.join(', ')})`);
    await this.deps.notifier.progress(this.deploy, rich`:fast_forward: Promoted past step ${step} by ${mentions(by)}.`);
  }

  private async abort(request: Decided, stepIndex: number): Promise<void> {
    const by = request.decidedBy ?? 'someone';
    await this.workload.abort();
    const step = `${stepIndex + 1}/${promotePayloadOf(request).stepCount}`;
    await this.audit('promote.aborted', request.id, `aborted at step ${step} by ${by}${request.reason ? ` — ${request.reason}` : ''}`);
    await this.deps.notifier.progress(this.deploy, rich`:octagonal_sign: ${mention(by)} aborted the canary at step ${step}: Argo returns to the stable ReplicaSet, then shipmate rolls back and locks ${code(promotePayloadOf(request).service)}.`);
  }

  /** The canary left the pause it waited at: its request, if nobody decided it, is closed and its card says why. */
  private leavePause(why: string): void {
    if (this.pausedAt === undefined) return;
    const stepIndex = this.pausedAt;
    this.pausedAt = undefined;
    clearInterval(this.timer);
    const opened = this.opening;
    void this.guarded(opened.then(() => this.closeRequest(stepIndex, why)));
  }

  private async closeRequest(stepIndex: number, why: string): Promise<void> {
    const request = await this.deps.store.getRequest(this.requestId(stepIndex));
    if (!request || request.status !== 'pending') return;
    const now = this.deps.clock.now();
    const closed: ApprovalRequest = { ...request, status: 'expired', expiresAt: now, decidedAt: now, reason: why, version: request.version + 1 };
    // A click won the race: the decision stands (and is carried out, or found moot, by whoever follows next).
    if (!(await this.deps.store.updateRequest(closed))) return;
    await this.deps.notifier.cardChanged(closed, rich`No longer needed: ${why}.`);
  }

  private requestId(stepIndex: number): string {
    return promoteRequestId(this.deploy, this.subject.service, stepIndex);
  }

  private audit(action: string, subject: string, detail: string): Promise<void> {
    return this.deps.store.appendAudit({ at: this.deps.clock.now(), actor: 'shipmate', action, environment: this.deploy.environment, subject, detail });
  }

  private guarded(work: Promise<void>): Promise<void> {
    return work.catch((error: unknown) => this.deps.log(`canary of ${this.deploy.id}: its Promote / Abort request could not be kept up to date`, error));
  }
}

const mentions = (userIds: readonly string[]) => joinRich(userIds.map(mention), ', ');

/** The gates of the canaries this process follows, by deploy request: a click taken here pokes its gate at once. */
export class CanaryGates {
  private readonly gates = new Map<string, CanaryGate>();

  constructor(private readonly deps: CanaryGateDeps) {}

  /** A gate for one canary follow of a deploy (or a release's deploy stage); it leaves this registry when closed. */
  open(deploy: ApprovalRequest, subject: CanarySubject, workload: Required<Pick<Workload, 'promote' | 'abort'>>): CanaryGate {
    const key = keyOf(deploy.id, subject.service);
    const gate: CanaryGate = new CanaryGate(deploy, subject, workload, this.deps, () => {
      if (this.gates.get(key) === gate) this.gates.delete(key);
    });
    this.gates.set(key, gate);
    return gate;
  }

  /** After a decision on a promote request. */
  decided(request: ApprovalRequest): void {
    if (request.action !== 'promote') return;
    const { deployRequestId, service } = promotePayloadOf(request);
    this.gates.get(keyOf(deployRequestId, service))?.poke();
  }
}

const keyOf = (ownerId: string, service: string) => `${ownerId}/${service}`;
