import { createHash } from 'node:crypto';
import type { World } from '../world.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall, AwsService } from './aws-service.js';
import { ecsArns, secretSuffixOf } from './ecs-names.js';
import type { WorldSecret } from './ecs-world.js';
import { epochSeconds } from './epoch-seconds.js';

/** When the world's secrets were made, unless it says. */
const WORLD_CREATED_AT = '2026-06-01T08:00:00Z';
const SECRET_ID_MAX = 2048;

const arnOf = (world: World, secret: WorldSecret) => ecsArns.secret(world, secret.name, secret.arnSuffix ?? secretSuffixOf(secret.name));

/** A secret by name, full ARN, or partial ARN (the ARN without its six-character suffix), as Secrets Manager finds it. */
export function findSecret(world: World, secretId: string): WorldSecret | undefined {
  const secrets = world.secretsManager?.secrets ?? [];
  return secrets.find((s) => s.name === secretId || arnOf(world, s) === secretId || arnOf(world, s).slice(0, -'-XXXXXX'.length) === secretId);
}

function secretIdOf(input: AwsInput): string {
  const secretId = input.string('SecretId');
  if (secretId.length > SECRET_ID_MAX) {
    throw input.invalid(`1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must have length less than or equal to ${SECRET_ID_MAX}`);
  }
  return secretId;
}

/** DescribeSecret: a secret's metadata, never its value. */
function describeSecret({ world, input }: AwsCall) {
  const secret = findSecret(world, secretIdOf(input));
  if (!secret) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  const created = epochSeconds(secret.createdAt ?? WORLD_CREATED_AT);
  const versionId = uuidFrom(secret.name);
  return {
    ARN: arnOf(world, secret),
    Name: secret.name,
    ...(secret.description ? { Description: secret.description } : {}),
    LastChangedDate: created,
    ...(secret.deletedAt ? { DeletedDate: epochSeconds(secret.deletedAt) } : {}),
    Tags: [],
    VersionIdsToStages: { [versionId]: ['AWSCURRENT'] },
    CreatedDate: created,
  };
}

/** A stable version id per secret, shaped as Secrets Manager's (a UUID). */
function uuidFrom(name: string): string {
  const hex = createHash('sha256').update(`version:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const secretsManagerApi: AwsService = {
  targetPrefix: 'secretsmanager',
  system: 'secretsmanager',
  signingName: 'secretsmanager',
  iamPrefix: 'secretsmanager',
  messageKey: 'Message',
  validationCode: 'InvalidParameterException',
  accessDenied: { code: 'AccessDeniedException', status: 400 },
  throttling: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: { DescribeSecret: describeSecret },
  resourceArn: () => '*',
  authorizations(operation, input, state) {
    const action = `secretsmanager:${operation}`;
    const secretId = input.optionalString('SecretId');
    const secret = secretId === undefined ? undefined : findSecret(state.world, secretId);
    // IAM authorizes on the secret's ARN; for a secret that does not exist, on what the caller named.
    const resource = secret ? arnOf(state.world, secret) : (secretId ?? '*');
    return [{ action, resource }];
  },
};
