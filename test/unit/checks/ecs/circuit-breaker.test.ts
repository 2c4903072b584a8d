import { describe, expect, it } from 'vitest';
import { circuitBreakerCheck } from '../../../../src/domain/checks/ecs/circuit-breaker.js';
import { anEcsService, ecsCheckContext } from '../../../support/ecs-builders.js';

const FIX =
  'aws ecs update-service --cluster shop-staging --service api --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" ' +
  '(Terraform: deployment_circuit_breaker { enable = true, rollback = true })';

describe('ecs.circuit-breaker', () => {
  it('given the circuit breaker on with rollback, when run, then it passes', async () => {
    // given
    const { context } = ecsCheckContext();
    // when / then
    expect(await circuitBreakerCheck.run(context)).toEqual({ status: 'pass', finding: 'ECS service api in shop-staging: circuit breaker on, with rollback', fix: '' });
  });

  it.each([
    ['not configured', undefined],
    ['disabled', { enable: false, rollback: true }],
  ])('given a circuit breaker %s, when run, then it fails with the update-service command', async (_, circuitBreaker) => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.circuitBreaker = circuitBreaker)) });
    // when
    const outcome = await circuitBreakerCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'ECS service api in shop-staging has no deployment circuit breaker: a revision whose tasks never start is retried for hours',
      fix: FIX,
    });
  });

  it('given the circuit breaker on without rollback, when run, then it fails: the service stays on the broken revision', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.circuitBreaker = { enable: true, rollback: false })) });
    // when
    const outcome = await circuitBreakerCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('does not roll back');
    expect(outcome.fix).toBe(FIX);
  });

  it('given the check, when registered, then it warns rather than blocks (shipmate rolls back its own deploys)', () => {
    expect(circuitBreakerCheck.severity).toBe('warn');
  });

  it('given the service is missing, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ service: undefined });
    // when / then
    expect((await circuitBreakerCheck.run(context)).status).toBe('skip');
  });
});
