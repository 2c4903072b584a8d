import { isMember } from '../../domain/approvals/principals.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import type { Lock } from '../../ports/store.port.js';
import { UsageError } from '../../usage-error.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import { resolveEnvironment } from '../resolve-environment.js';
import { rich } from '../../domain/text/rich-text.js';
import { describeLockHolder } from './describe-lock.js';

/** `<service> [env] …rest`: the environment is the second word when it names one. */
function target(words: readonly string[], deps: RequestBuildDeps): { service: string; environment: string; rest: string[] } {
  const [service = '', maybeEnv, ...others] = words;
  const named = maybeEnv !== undefined && maybeEnv in deps.config.environments;
  const environment = resolveEnvironment(deps.config, named ? maybeEnv : undefined);
  const services = deps.config.environments[environment]!.services ?? Object.keys(deps.config.services);
  if (!services.includes(service)) throw new UsageError(`unknown service "${service}" in ${environment} (known: ${services.join(', ')})`);
  return { service, environment, rest: named ? others : [maybeEnv, ...others].filter((w): w is string => w !== undefined) };
}

/** /shipmate lock <service> [env] <reason>: holds deploys of the service there until unlocked. */
export async function lockService(words: readonly string[], userId: string, deps: RequestBuildDeps): Promise<Lock> {
  const { service, environment, rest } = target(words, deps);
  const reason = rest.join(' ').trim();
  if (!reason) throw new UsageError('say why: /shipmate lock <service> [env] <reason>');
  const result = await deps.store.acquireLock({ service, environment, holder: userId, reason, at: deps.clock.now() });
  if (!result.acquired) throw new UsageError(rich`already ${describeLockHolder(result.lock, deps.clock.now())}`);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: 'lock.acquired', environment, subject: service, detail: reason });
  return result.lock;
}

/** /shipmate unlock <service> [env]: by whoever holds it or may approve deploys there. */
export async function unlockService(words: readonly string[], userId: string, deps: RequestBuildDeps): Promise<Lock> {
  const { service, environment } = target(words, deps);
  const lock = await deps.store.getLock(service, environment);
  if (!lock) throw new UsageError(`${service} is not locked in ${environment}`);
  const rule = policyFor(deps.config.policy, 'deploy', environment);
  if (lock.holder !== userId && !(await isMember(rule.approvers, userId, deps.directory))) {
    throw new UsageError(`only the holder or an approver may unlock it (${policyLine(rule, 'deploy', environment)})`);
  }
  await deps.store.releaseLock(service, environment);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: 'lock.released', environment, subject: service, detail: `was: ${lock.reason}` });
  return lock;
}
