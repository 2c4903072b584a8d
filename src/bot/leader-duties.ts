import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeployRunner } from '../app/deploys/deploy-runner.js';
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
  digests: DigestDeps;
  logger: Logger;
  leaseTtlMs: number;
  leaseRenewMs: number;
  /** Approved build requests this recent whose builds never started are started by a new leader. */
  resumeApprovedWithinMs: number;
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
  const { store, clock, tracker, deploys, logger } = deps;
  let digestJobs: { stop(): Promise<void> } | undefined;
  const stopLeading = async () => {
    await Promise.all([tracker.stop(), deploys.handOver(), digestJobs?.stop()]);
    digestJobs = undefined;
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
        digestJobs = startDigests(deps.digests, logger);
        const restarted = await tracker.resumeApproved(new Date(clock.now().getTime() - deps.resumeApprovedWithinMs));
        const active = (await store.listActiveRuns()).length;
        const resuming = [
          active ? `following ${active} run${active === 1 ? '' : 's'} in flight` : '',
          restarted ? `starting the builds of ${restarted} approved request${restarted === 1 ? '' : 's'}` : '',
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
