import type { AuditEntry } from '../../ports/store.port.js';
import { RELEASE_AUDIT } from '../releases/release-audit.js';
import { versionOfReleaseDetail } from './release-activity.js';
import { parseRunSubject } from './run-subject.js';

/**
 * What the digest needs from the audit log, typed. Today the audit entries
 * carry service and version only inside `subject` (run ids) and the `detail`
 * line for people, so `parseDeliveryEvents` reads them out of today's
 * strings; see the note on `versionOfBuild` for the one fragile spot.
 */
export type BuildOutcome = 'succeeded' | 'failed' | 'stopped' | 'refused';
export type DeployEnd = 'succeeded' | 'failed' | 'rolled-back' | 'rollback-failed' | 'refused';

export type DeliveryEvent =
  | { kind: 'requested'; action: 'build' | 'deploy'; at: Date; actor: string; environment?: string; requestId: string; title: string }
  | { kind: 'build-started'; at: Date; environment?: string; runId: string; requestId: string; service: string; version?: string }
  | { kind: 'build-ended'; at: Date; environment?: string; runId: string; requestId: string; service: string; outcome: BuildOutcome; detail: string }
  | { kind: 'deploy-started'; at: Date; environment?: string; runId: string; requestId: string; service: string }
  | { kind: 'deploy-ended'; at: Date; environment?: string; runId: string; requestId: string; service: string; outcome: DeployEnd; version?: string; detail: string }
  | { kind: 'verified'; at: Date; environment?: string; requestId: string; passed: boolean };

const BUILD_OUTCOMES: Record<string, BuildOutcome> = {
  'build.succeeded': 'succeeded',
  'build.failed': 'failed',
  'build.stopped': 'stopped',
  'build.refused': 'refused',
};
const DEPLOY_ENDS: Record<string, DeployEnd> = {
  'deploy.succeeded': 'succeeded',
  'deploy.failed': 'failed',
  'deploy.rolled-back': 'rolled-back',
  'deploy.rollback-failed': 'rollback-failed',
  'deploy.refused': 'refused',
};

/**
 * Oldest first. Entries that are not about a build, deploy or verify of a
 * request (or lack their subject) are left out; releases are read by
 * release-activity.ts. A build a release asked for takes its version from
 * release.requested.
 */
export function parseDeliveryEvents(audit: readonly AuditEntry[]): DeliveryEvent[] {
  const ordered = [...audit].sort((a, b) => a.at.getTime() - b.at.getTime());
  const buildVersions = new Map<string, string>();
  for (const entry of ordered) {
    const version = !entry.subject
      ? undefined
      : entry.action === 'build.requested'
        ? versionOfBuildTitle(entry.detail)
        : entry.action === RELEASE_AUDIT.requested
          ? versionOfReleaseDetail(entry.detail)
          : undefined;
    if (version && entry.subject) buildVersions.set(entry.subject, version);
  }
  const events: DeliveryEvent[] = [];
  for (const entry of ordered) {
    const event = toEvent(entry, buildVersions);
    if (event) events.push(event);
  }
  return events;
}

function toEvent(entry: AuditEntry, buildVersions: ReadonlyMap<string, string>): DeliveryEvent | undefined {
  const base = { at: entry.at, ...(entry.environment !== undefined ? { environment: entry.environment } : {}) };
  if ((entry.action === 'build.requested' || entry.action === 'deploy.requested') && entry.subject && !entry.subject.includes('-')) {
    return { kind: 'requested', action: entry.action === 'build.requested' ? 'build' : 'deploy', actor: entry.actor, requestId: entry.subject, title: entry.detail, ...base };
  }
  if (entry.action === 'verify.passed' || entry.action === 'verify.failed') {
    return entry.subject ? { kind: 'verified', requestId: entry.subject, passed: entry.action === 'verify.passed', ...base } : undefined;
  }
  const run = parseRunSubject(entry.subject);
  if (!run) return undefined;
  if (entry.action === 'build.started') {
    const version = buildVersions.get(run.requestId) ?? versionOfSourceVersion(entry.detail);
    return { kind: 'build-started', ...run, ...base, ...(version ? { version } : {}) };
  }
  const buildOutcome = BUILD_OUTCOMES[entry.action];
  if (buildOutcome) return { kind: 'build-ended', ...run, ...base, outcome: buildOutcome, detail: entry.detail };
  if (entry.action === 'deploy.started') return { kind: 'deploy-started', ...run, ...base };
  const deployEnd = DEPLOY_ENDS[entry.action];
  if (deployEnd) {
    const version = deployEnd === 'succeeded' || deployEnd === 'failed' ? versionOfDeployDetail(entry.detail, run.service) : undefined;
    return { kind: 'deploy-ended', ...run, ...base, outcome: deployEnd, detail: entry.detail, ...(version ? { version } : {}) };
  }
  return undefined;
}

/** build.requested detail: "Build <version> of <services> in <env>". */
export function versionOfBuildTitle(detail: string): string | undefined {
  return /^Build (\S+) of /.exec(detail)?.[1];
}

/**
 * build.started detail: "<project> <sourceVersion> → <buildId> (request <id>)".
 * Only a fallback for when build.requested is not in the slice read: it works
 * for the default source version template "refs/tags/v{version}" (or
 * "refs/tags/{version}") and gives up on anything else. This is the fragile
 * spot; an AuditEntry `version` field written by build.started would remove it.
 */
export function versionOfSourceVersion(detail: string): string | undefined {
  return /^\S+ refs\/tags\/v?([A-Za-z0-9_][A-Za-z0-9_.-]*) → /.exec(detail)?.[1];
}

/** deploy.succeeded / deploy.failed detail: "<service> <version>: <message>". */
export function versionOfDeployDetail(detail: string, service: string): string | undefined {
  const match = /^(\S+) (\S+): /.exec(detail);
  return match && match[1] === service ? match[2] : undefined;
}
