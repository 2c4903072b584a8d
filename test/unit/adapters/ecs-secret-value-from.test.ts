import { describe, expect, it } from 'vitest';
import { secretOfValueFrom } from '../../../src/adapters/aws/secrets-adapter.js';

/** The `valueFrom` forms of the ECS developer guide ("Pass sensitive data to an Amazon ECS container"). */
describe('secretOfValueFrom', () => {
  const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db-AbCdEf';

  it('given a secret ARN, then DescribeSecret is asked about that ARN, in its own region', () => {
    expect(secretOfValueFrom(ARN)).toEqual({ secretId: ARN, region: 'eu-west-1' });
  });

  it.each([`${ARN}:password::`, `${ARN}:password:AWSCURRENT:`, `${ARN}::AWSPREVIOUS:`, `${ARN}:::0e8a4b1c-1234-4d5e-9f00-abcdef012345`])(
    'given a secret ARN with an ECS JSON-key / version suffix (%s), then the secret is looked up by its ARN part',
    (valueFrom) => {
      expect(secretOfValueFrom(valueFrom)).toEqual({ secretId: ARN, region: 'eu-west-1' });
    },
  );

  it('given a secret of another partition and region, then that region', () => {
    expect(secretOfValueFrom('arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbCdEf')).toEqual({
      secretId: 'arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbCdEf',
      region: 'cn-north-1',
    });
  });

  it.each(['arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password', 'shop-db-password', '/shop/db-password', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:', ''])(
    'given %j (an SSM parameter, by ARN or bare name, or no secret ARN at all), then no secret to look up',
    (valueFrom) => {
      expect(secretOfValueFrom(valueFrom)).toBeUndefined();
    },
  );
});
