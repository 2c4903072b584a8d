import { isEnvironmentName } from '../../config/lookup.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { whoMayLine } from '../../domain/approvals/policy-line.js';
import { isMember } from '../../domain/approvals/principals.js';
import { rich } from '../../domain/text/rich-text.js';
import type { Lock } from '../../ports/store.port.js';
import { Refusal, UsageError } from '../../usage-error.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import { resolveEnvironment } from '../resolve-environment.js';
import { describeLockHolder } from './describe-lock.js';

const LOCKERS = 'lock and unlock deploys';

/** `<service> [env] …rest`: the environment is the second word when it names one. */
function target(words: readonly string[], deps: RequestBuildDeps): { service: string; environment: string; rest: string[] } {
  const [service = '', maybeEnv, ...others] = words;
  const named = maybeEnv !== undefined && isEnvironmentName(deps.config, maybeEnv);
  const environment = resolveEnvironment(deps.config, named ? maybeEnv : undefined);
  const services = deps.config.environments[environment]!.services ?? Object.keys(deps.config.services);
  if (!services.includes(service)) throw new UsageError(`unknown service "${service}" in ${environment} (known: ${services.join(', ')})`);
  return { service, environment, rest: named ? others : [maybeEnv, ...others].filter((w): w is string => w !== undefined) };
}

/** Whether the lock policy of the environment lets `userId` lock and unlock there (by default: whoever may request a deploy). */
async function mayLock(userId: string, environment: string, deps: RequestBuildDeps): Promise<boolean> {
  return isMember(policyFor(deps.config.policy, 'lock', environment).requesters, userId, deps.directory);
}

const notAllowed = (environment: string, deps: RequestBuildDeps) => whoMayLine(policyFor(deps.config.policy, 'lock', environment), LOCKERS, environment);

/** /shipmate lock <service> [env] <reason>: holds deploys of the service there until unlocked; under the lock policy. */
export async function lockService(words: readonly string[], userId: string, deps: RequestBuildDeps): Promise<Lock> {
  const { service, environment, rest } = target(words, deps);
  const reason = rest.join(' ').trim();
  if (!reason) throw new UsageError('say why: /shipmate lock <service> [env] <reason>');
  if (!(await mayLock(userId, environment, deps))) throw new Refusal(rich`you may not lock ${service} in ${environment}: ${notAllowed(environment, deps)}`);
  const result = await deps.store.acquireLock({ service, environment, holder: userId, reason, at: deps.clock.now() });
  if (!result.acquired) throw new Refusal(rich`already ${describeLockHolder(result.lock, deps.clock.now())}`);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: 'lock.acquired', environment, subject: service, detail: reason });
  return result.lock;
}

/** /shipmate unlock <service> [env]: by whoever holds it, or whom the lock policy allows there. */
export async function unlockService(words: readonly string[], userId: string, deps: RequestBuildDeps): Promise<Lock> {
  const { service, environment } = target(words, deps);
  const lock = await deps.store.getLock(service, environment);
  if (!lock) throw new Refusal(`${service} is not locked in ${environment}`);
  if (lock.holder !== userId && !(await mayLock(userId, environment, deps))) {
    throw new Refusal(rich`only the holder may unlock it, or whoever may ${LOCKERS}: ${notAllowed(environment, deps)}`);
  }
  await deps.store.releaseLock(service, environment);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: 'lock.released', environment, subject: service, detail: `was: ${lock.reason}` });
  return lock;
}
