import type { AuditEntry } from '../../../src/ports/store.port.js';

/** Audit entries worded exactly as the bot writes them today (request-build, start-builds, run-deploy, start-bot). */
export const at = (iso: string) => new Date(iso);

export const buildRequested = (when: string, requestId: string, version: string, services: string[], environment: string, actor = 'U_ALICE'): AuditEntry => ({
  at: at(when), actor, action: 'build.requested', environment, subject: requestId, detail: `Build ${version} of ${services.join(', ')} in ${environment}`,
});
export const buildStarted = (when: string, requestId: string, service: string, environment: string, sourceVersion = 'refs/heads/main'): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: 'build.started', environment, subject: `${requestId}-${service}`, detail: `${service}-build ${sourceVersion} → ${service}-build:1234 (request ${requestId})`,
});
export const buildEnded = (when: string, requestId: string, service: string, environment: string, outcome: 'succeeded' | 'failed' | 'stopped', detail: string): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: `build.${outcome}`, environment, subject: `${requestId}-${service}`, detail,
});
export const deployRequested = (when: string, requestId: string, service: string, version: string, environment: string, actor = 'U_BOB'): AuditEntry => ({
  at: at(when), actor, action: 'deploy.requested', environment, subject: requestId, detail: `Deploy ${service} ${version} to ${environment} (repo/${service}:${version}@sha256:abc)`,
});
export const rollbackRequested = (when: string, requestId: string, service: string, tag: string, environment: string): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: 'deploy.requested', environment, subject: requestId, detail: `Roll back ${service} in ${environment} to ${tag}`,
});
export const deployStarted = (when: string, requestId: string, service: string, environment: string): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: 'deploy.started', environment, subject: `${requestId}-${service}`, detail: `${service}/${service}: repo/${service}:old → repo/${service}:new@sha256:abc, generation 4`,
});
export const deploySucceeded = (when: string, requestId: string, service: string, version: string, environment: string): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: 'deploy.succeeded', environment, subject: `${requestId}-${service}`, detail: `${service} ${version}: deployment "${service}" successfully rolled out`,
});
export const deployFailed = (when: string, requestId: string, service: string, version: string, environment: string): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: 'deploy.failed', environment, subject: `${requestId}-${service}`, detail: `${service} ${version}: pod ${service}-x is in CrashLoopBackOff`,
});
export const rolledBack = (when: string, requestId: string, service: string, environment: string, completed = true): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: completed ? 'deploy.rolled-back' : 'deploy.rollback-failed', environment, subject: `${requestId}-${service}`, detail: completed ? 'rolled back to 1.3.0' : 'the rollback to 1.3.0 did not complete either: timed out',
});
export const verified = (when: string, requestId: string, environment: string, passed: boolean): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: passed ? 'verify.passed' : 'verify.failed', environment, subject: requestId, detail: passed ? '3/3 smoke tests passed' : '2/3 smoke tests passed',
});
/** What register-listeners writes for bad slash command input: no subject. */
export const commandRefused = (when: string, name: string): AuditEntry => ({
  at: at(when), actor: 'U_EVE', action: `${name}.refused`, detail: `/${name} nope: unknown service`,
});

/** A release's entries, worded as release-audit.ts says: details start "<version>: ", run entries have subject `<requestId>-release`. */
export const releaseRequested = (when: string, requestId: string, version: string, environment: string, actor = 'U_CAROL'): AuditEntry => ({
  at: at(when), actor, action: 'release.requested', environment, subject: requestId, detail: `${version}: release ${version} to ${environment} (5 stages)`,
});
export const releaseApproved = (when: string, requestId: string, version: string, environment: string, actor = 'U_DAN'): AuditEntry => ({
  at: at(when), actor, action: 'release.approved', environment, subject: requestId, detail: `${version}: approved (1 of 1)`,
});
type ReleaseRunAction = 'started' | 'stage.started' | 'stage.succeeded' | 'stage.failed' | 'deploy.patched' | 'succeeded' | 'failed' | 'rolled-back' | 'rollback-failed' | 'not-started';
export const releaseRun = (when: string, requestId: string, action: ReleaseRunAction, version: string, environment: string, detail: string = action): AuditEntry => ({
  at: at(when), actor: 'shipmate', action: `release.${action}`, environment, subject: `${requestId}-release`, detail: `${version}: ${detail}`,
});
/** A release of `services` that started at `when` (minutes after it) and ended as `end` says; its deploys are release.deploy.patched, never deploy.*. */
export function release(
  when: string, requestId: string, version: string, environment: string, services: readonly string[], end: 'succeeded' | 'failed' | 'rolled-back' | 'rollback-failed' | 'running',
): AuditEntry[] {
  const plus = (minutes: number) => new Date(at(when).getTime() + minutes * 60_000).toISOString();
  const entries = [
    releaseRequested(plus(-10), requestId, version, environment),
    releaseApproved(plus(-5), requestId, version, environment),
    releaseRun(when, requestId, 'started', version, environment, `${services.length + 2} stages`),
    ...services.flatMap((service, i) => [
      releaseRun(plus(i * 2 + 1), requestId, 'stage.started', version, environment, `stage ${i + 1} deploy ${service}`),
      releaseRun(plus(i * 2 + 1), requestId, 'deploy.patched', version, environment, `${service} repo/${service}:1.0.0 → repo/${service}:${version}@sha256:abc`),
      releaseRun(plus(i * 2 + 2), requestId, 'stage.succeeded', version, environment, `stage ${i + 1} deploy ${service}`),
    ]),
  ];
  const last = plus(services.length * 2 + 3);
  if (end === 'succeeded') entries.push(releaseRun(last, requestId, 'succeeded', version, environment, `${services.length + 2} stages`));
  if (end !== 'succeeded' && end !== 'running') entries.push(releaseRun(last, requestId, 'failed', version, environment, `stage ${services.length + 1} verify failed: 2/3 smoke tests passed`));
  if (end === 'rolled-back' || end === 'rollback-failed') {
    entries.push(releaseRun(plus(services.length * 2 + 5), requestId, end, version, environment, `${end === 'rolled-back' ? 'rolled back' : 'could not roll back'} ${[...services].reverse().join(', ')}`));
  }
  return entries;
}
