import { describe, expect, it } from 'vitest';
import { securityContextCheck } from '../../../../src/domain/checks/ecs/security-context.js';
import type { EcsContainerDefinition } from '../../../../src/ports/ecs.port.js';
import { aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

const container = (change: (api: EcsContainerDefinition) => void) =>
  ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => change(api)) }).context;

describe('ecs.security-context', () => {
  it('given a non-root user, a read-only root and no privilege, when run, then it passes', async () => {
    // given
    const { context } = ecsCheckContext();
    // when / then
    expect(await securityContextCheck.run(context)).toEqual({
      status: 'pass',
      finding: 'shop-staging-api:7 container api runs as user 10001, read-only root filesystem, not privileged',
      fix: '',
    });
  });

  it('given nothing set, when run, then it fails naming all three with the fields to set', async () => {
    // given
    const context = container((api) => {
      delete api.user;
      delete api.readonlyRootFilesystem;
      api.privileged = true;
    });
    // when
    const outcome = await securityContextCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: "shop-staging-api:7 container api: no user: runs as the image's, root unless its Dockerfile sets USER, root filesystem writable, privileged",
      fix: 'set in container api\'s definition: "user": "1000:1000", "readonlyRootFilesystem": true, "privileged": false (with a writable volume mounted where it must write)',
    });
  });

  it.each(['root', '0', '0:0', 'root:app', ' 0 '])('given user %j, when run, then it fails: root', async (user) => {
    // given
    const context = container((api) => (api.user = user));
    // when
    const outcome = await securityContextCheck.run(context);
    // then
    expect(outcome.finding).toBe(`shop-staging-api:7 container api: runs as root (user ${user})`);
  });

  it.each(['10001', '1000:1000', 'app', 'app:root', '100'])('given user %j, when run, then it passes the user requirement', async (user) => {
    expect((await securityContextCheck.run(container((api) => (api.user = user)))).status).toBe('pass');
  });

  it('given readonlyRootFilesystem false, when run, then only that is reported', async () => {
    // given
    const context = container((api) => (api.readonlyRootFilesystem = false));
    // when
    const outcome = await securityContextCheck.run(context);
    // then
    expect(outcome.finding).toBe('shop-staging-api:7 container api: root filesystem writable');
    expect(outcome.fix).toContain('"readonlyRootFilesystem": true (');
  });

  it('given privileged left out, when run, then it is not privileged', async () => {
    expect((await securityContextCheck.run(container((api) => delete api.privileged))).status).toBe('pass');
  });
});
