import { describe, expect, it } from 'vitest';
import { secretsCheck } from '../../../../src/domain/checks/ecs/secrets.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aTaskDefinition, DATABASE_SECRET, ecsCheckContext } from '../../../support/ecs-builders.js';

const SSM = 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/staging/api/flags';
const STRIPE = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/stripe-a1B2c3:api_key::';

/** The api container plus a sidecar with its own secret. */
const withSidecar = (valueFrom: string) =>
  aTaskDefinition((td, api) => {
    api.secrets = [...(api.secrets ?? []), { name: 'FLAGS', valueFrom: SSM }];
    td.containerDefinitions.push({ name: 'worker', image: 'x', secrets: [{ name: 'STRIPE_KEY', valueFrom }] });
  });

describe('ecs.secrets', () => {
  it('given every secret exists, when run, then it passes counting them', async () => {
    // given
    const { context, calls } = ecsCheckContext();
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome).toEqual({ status: 'pass', finding: '1 secret referenced, all present in Secrets Manager', fix: '' });
    expect(calls.secretExists).toEqual([DATABASE_SECRET]);
  });

  it('given a missing secret, when run, then it fails naming the variable, the container and the ARN, with create-secret', async () => {
    // given
    const { context } = ecsCheckContext({ secrets: { [DATABASE_SECRET]: false } });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: `shop-staging-api:7 references missing secret: DATABASE_URL (container api) from ${DATABASE_SECRET} — its tasks stop with ResourceInitializationError`,
      fix: 'aws secretsmanager create-secret --name shop/staging/api/database --secret-string <value> (then register the task definition with the new ARN as valueFrom)',
    });
  });

  it("given another container's secret is missing, when run, then it fails: the whole task stops", async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withSidecar(STRIPE), secrets: { [STRIPE]: false, [SSM]: undefined } });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      `shop-staging-api:7 references missing secret: STRIPE_KEY (container worker) from ${STRIPE}; not checked (SSM Parameter Store): FLAGS (container api) — its tasks stop with ResourceInitializationError`,
    );
    expect(outcome.fix).toMatch(/^aws secretsmanager create-secret --name shop\/staging\/stripe --secret-string/);
  });

  it('given two missing secrets, when run, then the fix creates both', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withSidecar('shop/staging/stripe'), secrets: { [DATABASE_SECRET]: false, 'shop/staging/stripe': false, [SSM]: undefined } });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome.finding).toMatch(/^shop-staging-api:7 references missing secrets: DATABASE_URL .*, STRIPE_KEY \(container worker\) from shop\/staging\/stripe;/);
    expect(outcome.fix).toContain('--name shop/staging/api/database --secret-string <value>; aws secretsmanager create-secret --name shop/staging/stripe --secret-string');
  });

  it('given SSM parameters beside present secrets, when run, then it passes saying which were not checked', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withSidecar(STRIPE), secrets: { [SSM]: undefined } });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome).toMatchObject({
      status: 'pass',
      finding: '2 secrets referenced, all present in Secrets Manager; not checked (SSM Parameter Store): FLAGS (container api)',
    });
  });

  it('given only SSM parameters, when run, then it skips: nothing could be checked', async () => {
    // given
    const taskDefinition = aTaskDefinition((_td, api) => (api.secrets = [{ name: 'FLAGS', valueFrom: SSM }]));
    const { context } = ecsCheckContext({ taskDefinition, secrets: { [SSM]: undefined } });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'skip',
      finding: 'shop-staging-api:7: every secret comes from SSM Parameter Store, which shipmate does not check: FLAGS (container api)',
      fix: '',
    });
  });

  it('given no secrets at all, when run, then it passes without asking Secrets Manager', async () => {
    // given
    const { context, calls } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => delete api.secrets) });
    // when
    const outcome = await secretsCheck.run(context);
    // then
    expect(outcome.finding).toBe('shop-staging-api:7: no secrets referenced');
    expect(calls.secretExists).toEqual([]);
  });

  it('given Secrets Manager refuses, when run, then the port error propagates (the check reports error)', async () => {
    // given
    const { context } = ecsCheckContext();
    context.facts.ecsSecretExists = () => Promise.reject(new PortError('forbidden', 'Secrets Manager DescribeSecret: AccessDeniedException'));
    // when / then
    await expect(secretsCheck.run(context)).rejects.toThrow('AccessDeniedException');
  });

  it('given two SSM parameters only, when run, then it skips naming both', async () => {
    // given
    const other = 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/staging/api/limits';
    const taskDefinition = aTaskDefinition((_td, api) => (api.secrets = [{ name: 'FLAGS', valueFrom: SSM }, { name: 'LIMITS', valueFrom: other }]));
    const { context } = ecsCheckContext({ taskDefinition, secrets: { [SSM]: undefined, [other]: undefined } });
    // when / then
    expect((await secretsCheck.run(context)).finding).toBe(
      'shop-staging-api:7: every secret comes from SSM Parameter Store, which shipmate does not check: FLAGS (container api), LIMITS (container api)',
    );
  });

  it('given two SSM parameters beside a present secret, when run, then the pass names both as not checked', async () => {
    // given
    const other = 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/staging/api/limits';
    const taskDefinition = aTaskDefinition((_td, api) => api.secrets!.push({ name: 'FLAGS', valueFrom: SSM }, { name: 'LIMITS', valueFrom: other }));
    const { context } = ecsCheckContext({ taskDefinition, secrets: { [SSM]: undefined, [other]: undefined } });
    // when / then
    expect((await secretsCheck.run(context)).finding).toBe(
      '1 secret referenced, all present in Secrets Manager; not checked (SSM Parameter Store): FLAGS (container api), LIMITS (container api)',
    );
  });

  it.each([
    ['a partial ARN (no random suffix)', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db', 'shop/db'],
    ['a full ARN of a hyphenated name', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/my-db-secret-AbC123', 'shop/my-db-secret'],
    ['a plain name', 'shop/staging/db', 'shop/staging/db'],
    ['an ARN of another kind', 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db', 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db'],
    ['an ARN naming no secret', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret'],
  ])('given a missing secret given as %s, when run, then the fix creates it by its name', async (_, valueFrom, name) => {
    // given
    const taskDefinition = aTaskDefinition((_td, api) => (api.secrets = [{ name: 'DB', valueFrom }]));
    const { context } = ecsCheckContext({ taskDefinition, secrets: { [valueFrom]: false } });
    // when / then
    expect((await secretsCheck.run(context)).fix).toBe(
      `aws secretsmanager create-secret --name ${name} --secret-string <value> (then register the task definition with the new ARN as valueFrom)`,
    );
  });
});
