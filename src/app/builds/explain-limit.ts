import type { ShipmateConfig } from '../../config/schema.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';

/**
 * CodeBuild's AccountLimitExceededException says a limit was hit, not which
 * one: the codebuild.quota check names the quota (or project limit) and how
 * to raise it.
 */
export async function explainLimit(
  config: ShipmateConfig,
  ports: ReadinessPorts,
  environment: string,
  service: string,
  error: string,
): Promise<string> {
  try {
    const report = await runReadiness(config, { environment, only: ['codebuild.quota'], services: [service] }, ports);
    const quota = report.checks[0];
    if (!quota || quota.status === 'error') return error;
    return `${error}. ${quota.finding}${quota.fix ? `. Fix: ${quota.fix}` : ''}`;
  } catch {
    return error;
  }
}
