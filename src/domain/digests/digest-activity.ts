import type { AuditEntry } from '../../ports/store.port.js';
import { parseDeliveryEvents, type DeliveryEvent } from './delivery-event.js';
import type { BuildActivityOutcome, DeployActivityOutcome, DigestActivity } from './digest.js';

type RunEvent = Extract<DeliveryEvent, { runId: string }>;

/**
 * Builds and deploys of `environment` with anything audited in (since, until]:
 * started, finished or refused then. Oldest first.
 */
export function digestActivity(
  audit: readonly AuditEntry[],
  environment: string,
  since: Date,
  until: Date,
): { builds: DigestActivity<BuildActivityOutcome>[]; deploys: DigestActivity<DeployActivityOutcome>[] } {
  const events = parseDeliveryEvents(audit).filter((e) => e.environment === environment);
  const requests = new Map<string, Extract<DeliveryEvent, { kind: 'requested' }>>();
  for (const e of events) if (e.kind === 'requested') requests.set(e.requestId, e);
  const within = (at: Date) => at.getTime() > since.getTime() && at.getTime() <= until.getTime();
  const runs = new Map<string, RunEvent[]>();
  for (const e of events) {
    if (!('runId' in e) || e.at.getTime() > until.getTime()) continue;
    runs.set(e.runId, [...(runs.get(e.runId) ?? []), e]);
  }
  const builds: DigestActivity<BuildActivityOutcome>[] = [];
  const deploys: DigestActivity<DeployActivityOutcome>[] = [];
  for (const runEvents of runs.values()) {
    if (!runEvents.some((e) => within(e.at))) continue;
    const first = runEvents[0]!;
    const request = requests.get(first.requestId);
    const common = {
      runId: first.runId,
      requestId: first.requestId,
      service: first.service,
      at: first.at,
      ...(request ? { requestedBy: request.actor } : {}),
    };
    if (first.kind === 'build-started' || first.kind === 'build-ended') {
      const version = versionOf(runEvents);
      builds.push({ ...common, outcome: buildOutcome(runEvents), ...(version ? { version } : {}) });
    } else {
      const fromTitle = request ? deployTitle(request.title) : undefined;
      const version = versionOf(runEvents) ?? fromTitle?.version;
      const verifyFailed = events.some((e) => e.kind === 'verified' && !e.passed && e.requestId === first.requestId && e.at.getTime() <= until.getTime());
      deploys.push({
        ...common,
        outcome: deployOutcome(runEvents, verifyFailed),
        ...(version ? { version } : {}),
        ...(fromTitle?.rollback ? { rollback: true } : {}),
      });
    }
  }
  const byTime = (a: { at: Date }, b: { at: Date }) => a.at.getTime() - b.at.getTime();
  return { builds: builds.sort(byTime), deploys: deploys.sort(byTime) };
}

function versionOf(events: readonly RunEvent[]): string | undefined {
  for (const e of events) if ((e.kind === 'build-started' || e.kind === 'deploy-ended') && e.version) return e.version;
  return undefined;
}

function buildOutcome(events: readonly RunEvent[]): BuildActivityOutcome {
  const ended = events.filter((e) => e.kind === 'build-ended').at(-1);
  return ended?.kind === 'build-ended' ? ended.outcome : 'running';
}

/** The worst thing that happened to a deploy run wins. */
function deployOutcome(events: readonly RunEvent[], verifyFailed: boolean): DeployActivityOutcome {
  const ends = new Set(events.flatMap((e) => (e.kind === 'deploy-ended' ? [e.outcome] : [])));
  if (ends.has('rollback-failed')) return 'rollback-failed';
  if (ends.has('rolled-back')) return 'rolled-back';
  if (ends.has('failed')) return 'failed';
  if (ends.has('refused')) return 'refused';
  if (ends.has('succeeded')) return verifyFailed ? 'verify-failed' : 'succeeded';
  return 'running';
}

/** deploy.requested detail: "Deploy <service> <version> to <env> (<image>)" or "Roll back <service> in <env> to <tag>". */
export function deployTitle(title: string): { version: string; rollback: boolean } | undefined {
  const deploy = /^Deploy \S+ (\S+) to /.exec(title);
  if (deploy) return { version: deploy[1]!, rollback: false };
  const rollback = /^Roll back \S+ in \S+ to (\S+)$/.exec(title);
  return rollback ? { version: rollback[1]!, rollback: true } : undefined;
}
