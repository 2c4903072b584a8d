import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { SandboxHandler } from '../sandbox-handler.js';
import type { SandboxState } from '../sandbox-state.js';
import { arns } from './aws-arns.js';
import { checkAuthorization } from './aws-auth.js';
import { AwsInput } from './aws-input.js';
import { AwsError, sendAwsError, sendAwsResult } from './aws-json.js';
import type { Authorization, AwsService } from './aws-service.js';
import { AWS_SERVICES } from './aws-services.js';
import { settleBuilds } from './codebuild-live.js';
import { codebuildRunsOf } from './codebuild-runs.js';
import { isEcrBlobRequest, serveEcrBlob } from './ecr-blobs.js';

/** The name IAM denials are addressed to, as AWS names the caller. */
const SANDBOX_USER = 'sandbox';

/**
 * AWS's JSON 1.1 protocol for CodeBuild, ECR, Service Quotas, ECS and Secrets Manager — a POST with
 * `X-Amz-Target: <service prefix>.<Operation>` — and the ECR layer downloads
 * GetDownloadUrlForLayer points at. Anything else is left to the next handler.
 */
export const awsHandler: SandboxHandler = async (req, res, body, state) => {
  const target = req.headers['x-amz-target'];
  const isCall = req.method === 'POST' && typeof target === 'string';
  if (!isCall && !isEcrBlobRequest(req)) return false;
  // Builds move on with time, not with calls: bring them up to now before anything is read.
  const now = codebuildRunsOf(state).clock.now().getTime();
  settleBuilds(state, now);
  if (serveEcrBlob(req, res, state)) return true;
  answer(req, res, body, state, target as string, now);
  return true;
};

function answer(req: IncomingMessage, res: ServerResponse, body: Buffer, state: SandboxState, target: string, now: number): void {
  const dot = target.lastIndexOf('.');
  const service = AWS_SERVICES.get(target.slice(0, Math.max(0, dot)));
  const operationName = target.slice(dot + 1);
  const operation = service?.operations[operationName];
  state.record(service?.system ?? 'aws', operationName);
  // A call to no known service is noted too, so that one of shipmate's would show up in the permission ledger.
  const action = service ? `${service.iamPrefix}:${operationName}` : `unknown:${target}`;
  const userAgent = req.headers['user-agent'];
  // Services that name their calls' resources are noted once the input says what they are.
  let recorded = !service?.authorizations || !operation;
  if (recorded) state.recordPermission({ system: 'aws', action }, userAgent);
  if (!service || !operation) {
    sendAwsError(res, new AwsError('UnknownOperationException', `Unknown operation ${target}`));
    return;
  }
  try {
    checkAuthorization(req, service, state.world);
    const input = AwsInput.parse(body, service.validationCode);
    const needed = service.authorizations?.(operationName, input, state, now) ?? [{ action, resource: '' }];
    if (!recorded) for (const need of needed) state.recordPermission({ system: 'aws', ...need }, userAgent);
    recorded = true;
    checkFaults(service, operationName, input, state, needed);
    sendAwsResult(res, operation({ world: state.world, input, baseUrl: baseUrl(req), state, now }));
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    if (!recorded) state.recordPermission({ system: 'aws', action }, userAgent);
    sendAwsError(res, error, service.messageKey);
  }
}

function checkFaults(service: AwsService, operation: string, input: AwsInput, state: SandboxState, needed: Authorization[]): void {
  const action = `${service.iamPrefix}:${operation}`;
  const denied = needed.find((need) => need.action !== action && state.isDenied(need.action));
  if (state.isDenied(action) || denied) {
    const { world } = state;
    const resource = denied?.resource ?? (needed[0]?.resource || resourceArn(service, operation, input, state));
    const user = arns.iamUser(world, SANDBOX_USER);
    const message =
      `User: ${user} is not authorized to perform: ${denied?.action ?? action} on resource: ${resource} ` +
      (world.faults?.denyReason ?? `because no identity-based policy allows the ${denied?.action ?? action} action`);
    throw new AwsError(service.accessDenied.code, message, service.accessDenied.status);
  }
  if (state.isThrottled(action)) {
    throw new AwsError(service.throttling.code, service.throttling.message, service.throttling.status);
  }
}

function resourceArn(service: AwsService, operation: string, input: AwsInput, state: SandboxState): string {
  try {
    return service.resourceArn(operation, input, state.world);
  } catch {
    return '*';
  }
}

function baseUrl(req: IncomingMessage): string {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}
