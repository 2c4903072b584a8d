import type { AuditEntry } from '../../ports/store.port.js';
import { RELEASE_AUDIT, releaseRunId } from '../releases/release-audit.js';

export type ReleaseOutcome = 'running' | 'succeeded' | 'failed' | 'rolled-back' | 'rollback-failed' | 'not-started';

/** One release run, read from its audit entries (see release-audit.ts). */
export interface ReleaseActivity {
  /** `<requestId>-release`. */
  runId: string;
  requestId: string;
  environment?: string;
  /** From the "<version>: " every release detail starts with. */
  version?: string;
  /** Slack user id from release.requested; undefined when the request is older than the audit read. */
  requestedBy?: string;
  /** When release.started was audited (the first time); undefined for a run that never started. */
  startedAt?: Date;
  /** startedAt, or the first thing the audit says about the run. */
  at: Date;
  /** When the newest entry of the run was audited. */
  lastAt: Date;
  outcome: ReleaseOutcome;
  /** What went wrong, for a failed run: its first failure entry's detail (release.failed's, else the rollback's) after its "<version>: ". */
  reason?: string;
}

const RUN_SUFFIX = releaseRunId('');
const ENDS: Readonly<Record<string, ReleaseOutcome>> = {
  [RELEASE_AUDIT.succeeded]: 'succeeded',
  [RELEASE_AUDIT.failed]: 'failed',
  [RELEASE_AUDIT.rolledBack]: 'rolled-back',
  [RELEASE_AUDIT.rollbackFailed]: 'rollback-failed',
  [RELEASE_AUDIT.notStarted]: 'not-started',
};
/** The worst thing that happened to a run wins: a rollback that failed outranks a rollback, which outranks the failure it followed. */
const RANK: readonly ReleaseOutcome[] = ['rollback-failed', 'rolled-back', 'failed', 'not-started', 'succeeded'];
/** The outcomes that make a started release a failed change. */
export const FAILED_RELEASE: ReadonlySet<ReleaseOutcome> = new Set(['failed', 'rolled-back', 'rollback-failed']);
const FAILURE_ACTIONS: ReadonlySet<string> = new Set([RELEASE_AUDIT.failed, RELEASE_AUDIT.rolledBack, RELEASE_AUDIT.rollbackFailed]);

/** "1.5.0: stage 2 migrate failed: …" -> 1.5.0. */
export function versionOfReleaseDetail(detail: string): string | undefined {
  return /^([A-Za-z0-9_][A-Za-z0-9_.+-]*): /.exec(detail)?.[1];
}

/** The request id of a release run's subject, or undefined for any other subject. Request ids hold no '-'. */
export function releaseRequestOf(subject: string | undefined): string | undefined {
  if (!subject?.endsWith(RUN_SUFFIX)) return undefined;
  const requestId = subject.slice(0, -RUN_SUFFIX.length);
  return requestId !== '' && !requestId.includes('-') ? requestId : undefined;
}

/** Is this entry one of a release run's own (subject `<requestId>-release`)? */
export const isReleaseRunEntry = (entry: AuditEntry): boolean => entry.action.startsWith('release.') && releaseRequestOf(entry.subject) !== undefined;

/** Every release run the audit slice mentions, in any environment, in the order of their first entries. Entries may come in any order. */
export function releaseRuns(audit: readonly AuditEntry[]): ReleaseActivity[] {
  const ordered = [...audit].sort((a, b) => a.at.getTime() - b.at.getTime());
  const requests = new Map<string, AuditEntry>();
  for (const entry of ordered) if (entry.action === RELEASE_AUDIT.requested && entry.subject) requests.set(entry.subject, entry);
  const runs = new Map<string, AuditEntry[]>();
  for (const entry of ordered) {
    if (!isReleaseRunEntry(entry)) continue;
    runs.set(entry.subject!, [...(runs.get(entry.subject!) ?? []), entry]);
  }
  return [...runs.entries()].map(([runId, entries]) => toActivity(runId, entries, requests.get(releaseRequestOf(runId)!)));
}

function toActivity(runId: string, entries: readonly AuditEntry[], request: AuditEntry | undefined): ReleaseActivity {
  const started = entries.find((e) => e.action === RELEASE_AUDIT.started);
  const said = request ? [...entries, request] : entries;
  const environment = said.find((e) => e.environment !== undefined)?.environment;
  const version = said.map((e) => versionOfReleaseDetail(e.detail)).find((v) => v !== undefined);
  const outcome = RANK.find((o) => entries.some((e) => ENDS[e.action] === o)) ?? 'running';
  // release.failed comes before any rollback entry: the first failure says why.
  const failure = entries.find((e) => FAILURE_ACTIONS.has(e.action));
  const reason = failure ? failure.detail.slice(version && failure.detail.startsWith(`${version}: `) ? version.length + 2 : 0) : undefined;
  return {
    runId,
    requestId: releaseRequestOf(runId)!,
    ...(environment !== undefined ? { environment } : {}),
    ...(version ? { version } : {}),
    ...(request ? { requestedBy: request.actor } : {}),
    ...(started ? { startedAt: started.at } : {}),
    at: (started ?? entries[0]!).at,
    lastAt: entries.at(-1)!.at,
    outcome,
    ...(reason ? { reason } : {}),
  };
}

/** The releases of `environment` with anything audited in (since, until], as the audit read up to `until` says. Oldest first. */
export function releaseActivity(audit: readonly AuditEntry[], environment: string, since: Date, until: Date): ReleaseActivity[] {
  const upToUntil = audit.filter((e) => e.at.getTime() <= until.getTime());
  // Only a run's own entries have its run id as subject.
  const touched = new Set(upToUntil.filter((e) => e.at.getTime() > since.getTime()).map((e) => e.subject));
  return releaseRuns(upToUntil).filter((r) => r.environment === environment && touched.has(r.runId));
}
