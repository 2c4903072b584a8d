import type { CodeBuildPort } from '../../ports/codebuild.port.js';
import type { QuotasPort } from '../../ports/quotas.port.js';
import { findConcurrencyQuota } from '../checks/codebuild/find-concurrency-quota.js';
import { quotaEnvironment } from '../checks/codebuild/quota-environment.js';
import type { StartRefusal } from './build-progress.js';

/**
 * CodeBuild's AccountLimitExceededException says a limit was hit, not which:
 * the project's own concurrentBuildLimit when it has one that is reached,
 * otherwise the concurrent-build quota of its environment and compute type
 * (found by name, as the codebuild.quota check does).
 */
export async function explainLimit(
  ports: { codebuild: CodeBuildPort; quotas: QuotasPort },
  projectName: string,
  message: string,
  region?: string,
): Promise<StartRefusal> {
  const refusal: StartRefusal = { message, ...(region ? { region } : {}) };
  try {
    const project = await ports.codebuild.getProject(projectName);
    // Stryker disable next-line ConditionalExpression: without this line the missing project throws below, and the catch returns the same refusal
    if (!project) return refusal;
    if (project.concurrentBuildLimit !== undefined) {
      const running = (await ports.codebuild.buildsInProgress()).filter((b) => b.projectName === projectName).length;
      if (running >= project.concurrentBuildLimit) return { ...refusal, projectLimit: project.concurrentBuildLimit };
    }
    const quota = findConcurrencyQuota(await ports.quotas.listQuotas('codebuild'), quotaEnvironment(project.environmentType, project.computeType));
    return quota ? { ...refusal, quota: { name: quota.name, code: quota.code, value: quota.value } } : refusal;
  } catch {
    return refusal; // CodeBuild's own words still say what happened
  }
}
