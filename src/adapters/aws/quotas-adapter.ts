import { ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { PortError } from '../../ports/port-error.js';
import type { QuotasPort, ServiceQuota } from '../../ports/quotas.port.js';
import { callAws } from './aws-call.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';

/** The largest page ListServiceQuotas gives. */
const MAX_RESULTS = 100;
/** A guard against a service that keeps handing out tokens: far more quotas than any service has. */
const MAX_PAGES = 50;

export function createQuotasPort(options: AwsAdapterOptions): QuotasPort {
  const client = new ServiceQuotasClient(awsClientConfig(options));
  const call = { system: 'Service Quotas', operation: 'ListServiceQuotas', endpoint: describeEndpoint(options, 'Service Quotas') };

  return {
    async listQuotas(serviceCode) {
      const quotas: ServiceQuota[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const output = await callAws(call, () =>
          client.send(new ListServiceQuotasCommand({ ServiceCode: serviceCode, MaxResults: MAX_RESULTS, NextToken: nextToken })),
        );
        for (const quota of output.Quotas ?? []) {
          if (quota.QuotaCode && quota.Value !== undefined) {
            quotas.push({ code: quota.QuotaCode, name: quota.QuotaName ?? quota.QuotaCode, value: quota.Value });
          }
        }
        nextToken = output.NextToken;
        if (!nextToken) return quotas;
      }
      throw new PortError('remote', `Service Quotas ListServiceQuotas: still more pages after ${MAX_PAGES} for ${serviceCode}`);
    },
  };
}
