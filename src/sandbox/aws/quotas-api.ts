import type { World } from '../world.js';
import { arns } from './aws-arns.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall, AwsService } from './aws-service.js';
import { pageOf } from './paging.js';

/** MaxResults may be 1 to 100; the documentation leaves the default to the service, and 100 is what it uses. */
const PAGE = { default: 100, max: 100 };
const SERVICE_NAMES: Record<string, string> = { codebuild: 'AWS CodeBuild' };
const APPLIED_LEVELS = ['ACCOUNT', 'RESOURCE', 'ALL'] as const;

type WorldQuota = World['quotas']['codebuild'][number];

function listServiceQuotas({ world, input }: AwsCall) {
  const serviceCode = input.string('ServiceCode');
  const quotaCode = input.optionalString('QuotaCode');
  input.optionalEnum('QuotaAppliedAtLevel', APPLIED_LEVELS);
  const quotas = serviceQuotas(world, serviceCode).filter((q) => quotaCode === undefined || q.code === quotaCode);
  const page = pageOf(
    quotas,
    {
      nextToken: input.optionalString('NextToken'),
      pageSize: input.optionalInteger('MaxResults', { min: 1, max: PAGE.max }) ?? PAGE.default,
      scope: `ListServiceQuotas:${serviceCode}:${quotaCode ?? ''}`,
    },
    () => new AwsError('InvalidPaginationTokenException', 'Invalid pagination token.'),
  );
  return { Quotas: page.items.map((q) => quotaView(world, serviceCode, q)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function getServiceQuota({ world, input }: AwsCall) {
  const serviceCode = input.string('ServiceCode');
  const quotaCode = input.string('QuotaCode');
  const quota = serviceQuotas(world, serviceCode).find((q) => q.code === quotaCode);
  if (!quota) throw new AwsError('NoSuchResourceException', `The quota ${quotaCode} does not exist for the service ${serviceCode}.`, 404);
  return { Quota: quotaView(world, serviceCode, quota) };
}

function serviceQuotas(world: World, serviceCode: string): WorldQuota[] {
  const quotas = (world.quotas as Record<string, WorldQuota[] | undefined>)[serviceCode];
  if (!quotas) throw new AwsError('NoSuchResourceException', `The service ${serviceCode} does not exist.`, 404);
  return quotas;
}

function quotaView(world: World, serviceCode: string, quota: WorldQuota): Record<string, unknown> {
  return {
    ServiceCode: serviceCode,
    ServiceName: SERVICE_NAMES[serviceCode] ?? serviceCode,
    QuotaArn: arns.serviceQuota(world, serviceCode, quota.code),
    QuotaCode: quota.code,
    QuotaName: quota.name,
    Value: quota.value,
    Unit: 'None',
    Adjustable: true,
    GlobalQuota: false,
    QuotaAppliedAtLevel: 'ACCOUNT',
  };
}

export const quotasApi: AwsService = {
  targetPrefix: 'ServiceQuotasV20190624',
  system: 'quotas',
  signingName: 'servicequotas',
  iamPrefix: 'servicequotas',
  messageKey: 'Message',
  validationCode: 'IllegalArgumentException',
  // Service Quotas models these two with HTTP statuses of their own.
  accessDenied: { code: 'AccessDeniedException', status: 403 },
  throttling: {
    code: 'TooManyRequestsException',
    status: 429,
    message: 'Due to throttling, the request was denied. Slow down the rate of request calls, or request an increase for this quota.',
  },
  operations: {
    ListServiceQuotas: listServiceQuotas,
    GetServiceQuota: getServiceQuota,
  },
  resourceArn(_operation: string, input: AwsInput, world: World) {
    const serviceCode = input.optionalString('ServiceCode') ?? '*';
    return `arn:aws:servicequotas:${world.region}:${world.accountId}:${serviceCode}/${input.optionalString('QuotaCode') ?? '*'}`;
  },
};
