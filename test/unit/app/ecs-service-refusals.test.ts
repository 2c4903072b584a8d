import { describe, expect, it } from 'vitest';
import { deployCommand } from '../../../commands/deploy.js';
import { validateDeploy } from '../../../src/app/deploys/request-deploy.js';
import { serviceTargets } from '../../../src/app/releases/plan-services.js';
import { parseCommandArgs } from '../../../src/cli/parse-command-args.js';
import { Refusal } from '../../../src/usage-error.js';
import { fakePorts } from '../../support/fake-ports.js';
import { exampleConfig, policyDeps } from './policy-fixtures.js';

/** The sandbox config with an ECS service api in staging's ECS cluster. */
const withEcsApi = () =>
  exampleConfig((doc) => {
    doc.environments.staging.ecs = { cluster: 'shop-staging' };
    doc.environments.production.services = ['backend', 'frontend', 'ml'];
    doc.services.api = { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api' } };
  });

async function rejectionOf(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('an ECS service before ECS deploys exist', () => {
  it('is refused by /deploy in one line, with nothing stored and no backend asked', async () => {
    // given: the deps' backend ports throw when asked for
    const deps = await policyDeps(withEcsApi());
    // when
    const refusal = await rejectionOf(() => validateDeploy(parseCommandArgs(deployCommand, ['api', '1.2.0']), 'U0ALICE', deps));
    // then
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).message).toBe('api runs on ECS: ECS deploys are not available yet');
    expect(await deps.store.listRequests({})).toEqual([]);
    expect(await deps.store.recentAudit(10)).toEqual([]);
  });

  it('leaves a Kubernetes service of the same environment deployable', async () => {
    // given
    const deps = await policyDeps(withEcsApi());
    // when
    const plan = await validateDeploy(parseCommandArgs(deployCommand, ['backend', '1.2.0']), 'U0ALICE', deps);
    // then
    expect(plan).toMatchObject({ environment: 'staging', service: 'backend', version: '1.2.0' });
  });

  it('is refused by a release that deploys it, with the same line', async () => {
    // given
    const config = withEcsApi();
    const stages = [{ type: 'deploy' as const, services: ['api'] }];
    // when
    const refusal = await rejectionOf(() => serviceTargets(config, 'staging', '1.2.0', stages, 0, fakePorts()));
    // then
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).message).toBe('api runs on ECS: ECS deploys are not available yet');
  });
});
