import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../../commands/build.js';
import { deployCommand } from '../../../commands/deploy.js';
import { readinessCommand } from '../../../commands/readiness.js';
import { shipmateCommand } from '../../../commands/shipmate.js';
import { verifyCommand } from '../../../commands/verify.js';
import { cancelBuild } from '../../../src/app/builds/cancel-build.js';
import type { BuildFlowDeps } from '../../../src/app/decide-on-request.js';
import { lockService, unlockService } from '../../../src/app/deploys/locks.js';
import { validateDeploy } from '../../../src/app/deploys/request-deploy.js';
import { validateBuild } from '../../../src/app/builds/request-build.js';
import { readinessFor } from '../../../src/app/readiness-for.js';
import { resolveEnvironment } from '../../../src/app/resolve-environment.js';
import { environmentNamed, serviceNamed } from '../../../src/config/lookup.js';
import { parseCommandArgs } from '../../../src/cli/parse-command-args.js';
import { UsageError } from '../../../src/usage-error.js';
import { exampleConfig, policyDeps, type PolicyDeps } from './policy-fixtures.js';

/** Names Object.prototype answers for on a plain object. */
const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
const ENVIRONMENTS = 'known: staging, production';
const SERVICES = 'known: backend, frontend, ml';

async function refusalOf(run: () => unknown): Promise<string> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

async function nothingChanged(deps: PolicyDeps): Promise<void> {
  expect(await deps.store.recentAudit(10)).toEqual([]);
  for (const env of ['staging', 'production']) for (const s of ['backend', 'frontend', 'ml']) expect(await deps.store.getLock(s, env)).toBeUndefined();
}

const flow = (deps: PolicyDeps) => deps as unknown as BuildFlowDeps;

describe.each(HOSTILE)('the name %s from a user', (name) => {
  it('is no environment and no service of the config', () => {
    const config = exampleConfig();
    expect(environmentNamed(config, name)).toBeUndefined();
    expect(serviceNamed(config, name)).toBeUndefined();
  });

  it('is an unknown environment to /readiness, /verify and /shipmate digest', async () => {
    // given
    const deps = await policyDeps(exampleConfig());
    // when / then
    expect(await refusalOf(() => resolveEnvironment(deps.config, name))).toBe(`unknown environment "${name}" (${ENVIRONMENTS})`);
    expect(await refusalOf(() => readinessFor({ env: name }, deps))).toBe(`unknown environment "${name}" (${ENVIRONMENTS})`);
  });

  it('is an unknown environment or service to /deploy', async () => {
    // given
    const deps = await policyDeps(exampleConfig());
    const args = parseCommandArgs(deployCommand, ['backend', '1.0.0', 'staging']);
    // when / then
    expect(await refusalOf(() => validateDeploy({ ...args, env: name }, 'U0ALICE', deps))).toBe(`unknown environment "${name}" (${ENVIRONMENTS})`);
    expect(await refusalOf(() => validateDeploy({ ...args, service: name }, 'U0ALICE', deps))).toBe(`unknown service "${name}" in staging (${SERVICES})`);
    await nothingChanged(deps);
  });

  it('is an unknown service to /build, even as its last word (where an environment may stand)', async () => {
    const deps = await policyDeps(exampleConfig());
    const args = parseCommandArgs(buildCommand, ['1.0.0']);
    expect(await refusalOf(() => validateBuild({ ...args, targets: ['backend', name] }, 'U0ALICE', deps))).toBe(`unknown service "${name}" in staging (${SERVICES})`);
    expect(await refusalOf(() => validateBuild({ ...args, targets: [name] }, 'U0ALICE', deps))).toBe(`unknown service "${name}" in staging (${SERVICES})`);
  });

  it('is an unknown service to /shipmate lock and unlock, and never taken for an environment', async () => {
    // given
    const deps = await policyDeps(exampleConfig());
    // when / then
    expect(await refusalOf(() => lockService([name, 'production', 'why'], 'U0ALICE', deps))).toBe(`unknown service "${name}" in production (${SERVICES})`);
    expect(await refusalOf(() => unlockService([name, 'production'], 'U0ALICE', deps))).toBe(`unknown service "${name}" in production (${SERVICES})`);
    expect(await refusalOf(() => unlockService(['backend', name], 'U0ALICE', deps))).toBe('backend is not locked in staging');
    await nothingChanged(deps);
    // and as the second word it is part of the reason, in the default environment
    const lock = await lockService(['backend', name, 'why'], 'U0ALICE', deps);
    expect(lock).toMatchObject({ environment: 'staging', reason: `${name} why` });
  });

  it('is no request to /shipmate cancel', async () => {
    const deps = await policyDeps(exampleConfig());
    expect(await refusalOf(() => cancelBuild(name, 'U0ALICE', flow(deps)))).toBe(`no request or build "${name}" (see /shipmate history)`);
  });

  it('is refused as command text by every command, with a usage line', async () => {
    // given: the words as Slack or the CLI hands them over
    const deps = await policyDeps(exampleConfig());
    const texts: [string, () => Promise<unknown>][] = [
      ['/readiness', async () => readinessFor(parseCommandArgs(readinessCommand, [name]), deps)],
      ['/verify', async () => resolveEnvironment(deps.config, parseCommandArgs(verifyCommand, [name]).env)],
      ['/deploy', async () => validateDeploy(parseCommandArgs(deployCommand, ['backend', '1.0.0', name]), 'U0ALICE', deps)],
      ['/deploy', async () => validateDeploy(parseCommandArgs(deployCommand, [name, '1.0.0']), 'U0ALICE', deps)],
      ['/build', async () => validateBuild(parseCommandArgs(buildCommand, ['1.0.0', name]), 'U0ALICE', deps)],
      ['/shipmate digest', async () => resolveEnvironment(deps.config, parseCommandArgs(shipmateCommand, ['digest', name]).rest[0])],
    ];
    // when / then
    for (const [, run] of texts) expect(await refusalOf(run)).toMatch(/unknown (environment|service)|lowercase name|not a valid/);
    await nothingChanged(deps);
  });
});
