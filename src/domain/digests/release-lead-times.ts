import type { AuditEntry } from '../../ports/store.port.js';
import { RELEASE_AUDIT } from '../releases/release-audit.js';
import type { DeliveryEvent } from './delivery-event.js';
import { versionOfReleaseDetail } from './release-activity.js';

/**
 * Lead times of the releases that succeeded in `environment` inside the
 * window: one sample per release, release.succeeded − the latest
 * build.started of the same version before it (any service, built in any
 * environment, as for deploys). A release of a version that already
 * succeeded there since that build adds none, so releasing the same images
 * again does not.
 */
export function releaseLeadTimesMs(
  audit: readonly AuditEntry[],
  events: readonly DeliveryEvent[],
  environment: string,
  inWindow: (at: Date) => boolean,
): number[] {
  const succeeded = audit
    .filter((e) => e.action === RELEASE_AUDIT.succeeded && e.environment === environment)
    .flatMap((e) => {
      const version = versionOfReleaseDetail(e.detail);
      return version ? [{ at: e.at, version }] : [];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const builds = events.filter((e): e is Extract<DeliveryEvent, { kind: 'build-started' }> => e.kind === 'build-started');
  const samples: number[] = [];
  for (const release of succeeded) {
    if (!inWindow(release.at)) continue;
    const build = builds.filter((b) => b.version === release.version && b.at.getTime() <= release.at.getTime()).at(-1);
    if (!build) continue;
    const earlier = succeeded.some((r) => r.version === release.version && r.at.getTime() >= build.at.getTime() && r.at.getTime() < release.at.getTime());
    if (!earlier) samples.push(release.at.getTime() - build.at.getTime());
  }
  return samples;
}
