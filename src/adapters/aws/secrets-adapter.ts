import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretsPort } from '../../ports/ecs.port.js';
import { callAwsUnlessMissing } from './aws-call.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';

/**
 * arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>, then, in an
 * ECS `valueFrom`, optionally :<json-key>:<version-stage>:<version-id>. A secret's name holds no colon.
 */
const SECRET_ARN = /^(arn:[^:]+:secretsmanager:([^:]*):[^:]*:secret:[^:]+)(?::.*)?$/;

/** Where a `valueFrom` points: a Secrets Manager secret (by its ARN, without an ECS JSON-key suffix), or something else. */
export function secretOfValueFrom(valueFrom: string): { secretId: string; region: string } | undefined {
  const match = SECRET_ARN.exec(valueFrom);
  return match ? { secretId: match[1]!, region: match[2]! } : undefined;
}

/**
 * Secrets Manager through the AWS SDK (AWS_ENDPOINT_URL_SECRETS_MANAGER, the
 * `endpoint` option). Only DescribeSecret: shipmate never reads a secret's value.
 */
export function createSecretsPort(options: AwsAdapterOptions): SecretsPort {
  const endpoint = describeEndpoint(options, 'Secrets Manager');
  // A task may use a secret of another region by its full ARN; Secrets Manager answers for a secret only in its own region.
  const clients = new Map<string, SecretsManagerClient>();
  const clientFor = (region: string) => {
    const existing = clients.get(region);
    if (existing) return existing;
    const client = new SecretsManagerClient(awsClientConfig({ ...options, region }));
    clients.set(region, client);
    return client;
  };

  return {
    async secretExists(valueFrom) {
      // ECS reads a Secrets Manager secret only by its full ARN; anything else (arn:aws:ssm:…, a bare name) is an SSM parameter.
      const secret = secretOfValueFrom(valueFrom);
      if (!secret) return undefined;
      const output = await callAwsUnlessMissing(
        { system: 'Secrets Manager', operation: 'DescribeSecret', endpoint },
        ['ResourceNotFoundException'],
        () => clientFor(secret.region || options.region).send(new DescribeSecretCommand({ SecretId: secret.secretId })),
      );
      // A secret scheduled for deletion is still described, but ECS can no longer read it.
      return output !== undefined && output.DeletedDate === undefined;
    },
  };
}
