import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeployRunner } from '../app/deploys/deploy-runner.js';
import type { ReleaseRunner } from '../app/releases/release-runner.js';
import type { OutboxDelivery } from '../app/outbox/outbox-delivery.js';
import type { DigestDeps } from '../app/digests/digests.js';
import { LeaderElection } from '../app/leadership/leader-election.js';
import type { BuildTracker } from '../domain/builds/build-tracker.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../ports/clock.port.js';
import type { StorePort } from '../ports/store.port.js';
import { startDigests } from './start-digests.js';

export interface LeaderDutiesDeps {
  store: StorePort;
  clock: Clock;
  tracker: BuildTracker;
  deploys: DeployRunner;
  releases: ReleaseRunner;
  /** Delivers the outbox: only the leader does, so each stream has one sender. */
  delivery: OutboxDelivery;
  digests: DigestDeps;
  logger: Logger;
  leaseTtlMs: number;
  leaseRenewMs: number;
  /**
   * Approved requests without runs: started, or told they were not (see sweepApproved). At election every one of them;
   * then every `sweepEveryMs` only the recent ones (an older replica still deciding during a rolling upgrade), so the
   * look does not grow with the history.
   */
  sweepApproved(scope: 'all' | 'recent'): Promise<{ started: number; notStarted: number }>;
  sweepEveryMs: number;
  /** True once the process is stopping: a lease won now is not acted on. */
  stopping(): boolean;
}

export interface LeaderDuties {
  election: LeaderElection;
  /** Stops following builds and rollouts and posting digests; what was in flight stays in the store for the next leader. */
  stopLeading(): Promise<void>;
}

/**
 * What only the leading replica does — follow builds and rollouts, post
 * scheduled digests — started when this replica wins the lease and stopped
 * when it loses it.
 */
export function leaderDuties(deps: LeaderDutiesDeps): LeaderDuties {
  const { store, clock, tracker, deploys, releases, logger } = deps;
  let digestJobs: { stop(): Promise<void> } | undefined;
  let sweeping: NodeJS.Timeout | undefined;
  const sweep = (scope: 'all' | 'recent') => deps.sweepApproved(scope).catch((error: unknown) => (logger.error('looking for approved requests without runs failed:', error), { started: 0, notStarted: 0 }));
  const stopLeading = async () => {
    clearInterval(sweeping);
    sweeping = undefined;
    const jobs = digestJobs;
    digestJobs = undefined;
    // Follows are aborted at once; what is still waiting on a hung store is not waited for longer than a lease lasts.
    const work = Promise.all([tracker.stop(), deploys.handOver(), releases.handOver(), deps.delivery.stop(), jobs?.stop()]);
    const done = await settlesWithin(work, deps.leaseTtlMs, clock);
    if (!done) {
      logger.warn(`stopped leading without waiting any longer for calls to the store that have not answered in ${deps.leaseTtlMs} ms`);
      const settled = () => logger.info('the store calls left behind when this replica stopped leading have settled');
      void work.then(settled, settled);
    }
  };
  const election: LeaderElection = new LeaderElection(
    store,
    clock,
    { holder: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`, ttlMs: deps.leaseTtlMs, renewEveryMs: deps.leaseRenewMs },
    {
      elected: async () => {
        if (deps.stopping()) return;
        tracker.start();
        deploys.lead();
        releases.lead();
        deps.delivery.start();
        digestJobs = startDigests(deps.digests, logger);
        const swept = await sweep('all');
        // Lost again while the store answered: its step-down has already stopped what was started above.
        if (!election.isLeader) return;
        sweeping = setInterval(() => void sweep('recent'), deps.sweepEveryMs);
        sweeping.unref();
        const active = (await store.listActiveRuns()).length;
        if (!election.isLeader) return;
        const resuming = [
          active ? `following ${active} run${active === 1 ? '' : 's'} in flight` : '',
          swept.started ? `starting ${swept.started} approved request${swept.started === 1 ? '' : 's'}` : '',
          swept.notStarted ? `${swept.notStarted} approved too long ago, not started` : '',
        ].filter(Boolean);
        logger.info(`this replica leads (${election.holder})${resuming.length ? `: ${resuming.join('; ')}` : ''}`);
      },
      deposed: async () => {
        logger.warn(`this replica no longer leads (${election.holder}); another one follows builds, rollouts and digests now`);
        await stopLeading();
      },
      log: (message, error) => logger.error(message, error ?? ''),
    },
  );
  return { election, stopLeading };
}

/** Whether `work` finished within `ms` (its failure is thrown, as without the bound). */
async function settlesWithin(work: Promise<unknown>, ms: number, clock: Clock): Promise<boolean> {
  const timeUp = new AbortController();
  try {
    return await Promise.race([work.then(() => true), clock.sleep(ms, timeUp.signal).then(() => false)]);
  } finally {
    timeUp.abort();
  }
}
