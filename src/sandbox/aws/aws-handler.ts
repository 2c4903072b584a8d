import type { SandboxHandler } from '../sandbox-handler.js';

/** AWS's JSON protocol for CodeBuild, ECR and Service Quotas (routed by X-Amz-Target), and ECR's layer downloads. */
export const awsHandler: SandboxHandler = async () => false;
