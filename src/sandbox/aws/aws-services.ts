import type { AwsService } from './aws-service.js';
import { codebuildApi } from './codebuild-api.js';
import { ecrApi } from './ecr-api.js';
import { ecsApi } from './ecs-api.js';
import { quotasApi } from './quotas-api.js';
import { secretsManagerApi } from './secrets-manager-api.js';

/** The AWS services the sandbox speaks, by X-Amz-Target prefix. */
export const AWS_SERVICES: ReadonlyMap<string, AwsService> = new Map(
  [codebuildApi, ecrApi, quotasApi, ecsApi, secretsManagerApi].map((service) => [service.targetPrefix, service]),
);
