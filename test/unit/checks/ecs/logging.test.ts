import { describe, expect, it } from 'vitest';
import { loggingCheck } from '../../../../src/domain/checks/ecs/logging.js';
import { aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

describe('ecs.logging', () => {
  it('given awslogs to a log group, when run, then it passes naming the group', async () => {
    // given
    const { context } = ecsCheckContext();
    // when / then
    expect(await loggingCheck.run(context)).toEqual({ status: 'pass', finding: 'shop-staging-api:7 container api logs with awslogs to /ecs/shop-staging/api', fix: '' });
  });

  it('given another log driver without a group, when run, then it passes naming the driver', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => (api.logConfiguration = { logDriver: 'awsfirelens' })) });
    // when / then
    expect((await loggingCheck.run(context)).finding).toBe('shop-staging-api:7 container api logs with awsfirelens');
  });

  it('given no logConfiguration, when run, then it fails with an awslogs configuration to add', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => delete api.logConfiguration) });
    // when
    const outcome = await loggingCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'shop-staging-api:7 container api has no logConfiguration: its output, and why a task stopped, is lost',
      fix: 'add to container api: "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/staging/api", "awslogs-region": "<region>", "awslogs-stream-prefix": "api", "awslogs-create-group": "true" } }',
    });
    expect(loggingCheck.severity).toBe('warn');
  });
});
