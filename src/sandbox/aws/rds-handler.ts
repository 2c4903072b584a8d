import type { IncomingMessage } from 'node:http';
import type { SandboxHandler } from '../sandbox-handler.js';
import type { SandboxState } from '../sandbox-state.js';
import { arns } from './aws-arns.js';
import { checkAuthorization } from './aws-auth.js';
import { AwsError } from './aws-json.js';
import { codebuildRunsOf } from './codebuild-runs.js';
import { RDS_OPERATIONS, rdsResourceArn } from './rds-api.js';
import { RDS_API_VERSION, RdsError, RdsInput, sendRdsError, sendRdsResult } from './rds-query.js';

const SANDBOX_USER = 'sandbox';

/** The Query protocol's names for what the JSON protocol's signature checks call their exceptions. */
const QUERY_AUTH_ERRORS: Record<string, { code: string; status: number }> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
};

/** Whether a request is an RDS Query call: a form-encoded POST naming an Action and RDS's API version. */
export function rdsActionOf(req: IncomingMessage, body: Buffer): string | undefined {
  if (req.method !== 'POST' || typeof req.headers['x-amz-target'] === 'string') return undefined;
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  const input = RdsInput.parse(body);
  return input.version === RDS_API_VERSION ? input.action : undefined;
}

/**
 * RDS's Query protocol — `Action=CreateDBSnapshot&Version=2014-10-31&…`
 * answered in XML, errors in `<ErrorResponse>` — for the snapshot calls of a
 * release. Anything else is left to the next handler.
 */
export const rdsHandler: SandboxHandler = async (req, res, body, state) => {
  const action = rdsActionOf(req, body);
  if (action === undefined) return false;
  const operation = RDS_OPERATIONS[action];
  state.record('rds', action);
  state.recordPermission({ system: 'aws', action: operation ? `rds:${action}` : `unknown:rds:${action}` }, req.headers['user-agent']);
  const input = RdsInput.parse(body);
  try {
    checkSignature(req, state);
    if (!operation) throw new RdsError('InvalidAction', `Could not find operation ${action} for version ${RDS_API_VERSION}`);
    checkFaults(action, input, state);
    const now = codebuildRunsOf(state).clock.now().getTime();
    sendRdsResult(res, action, operation({ state, input, now }));
  } catch (error) {
    if (!(error instanceof RdsError)) throw error;
    sendRdsError(res, error);
  }
  return true;
};

function checkSignature(req: IncomingMessage, state: SandboxState): void {
  try {
    checkAuthorization(req, { signingName: 'rds' }, state.world);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    const query = QUERY_AUTH_ERRORS[error.code] ?? { code: error.code, status: error.status };
    throw new RdsError(query.code, error.message, query.status);
  }
}

function checkFaults(action: string, input: RdsInput, state: SandboxState): void {
  const iamAction = `rds:${action}`;
  const { world } = state;
  if (state.isDenied(iamAction)) {
    const message =
      `User: ${arns.iamUser(world, SANDBOX_USER)} is not authorized to perform: ${iamAction} on resource: ${rdsResourceArn(world, action, input)} ` +
      (world.faults?.denyReason ?? `because no identity-based policy allows the ${iamAction} action`);
    throw new RdsError('AccessDenied', message, 403);
  }
  if (state.isThrottled(iamAction)) throw new RdsError('Throttling', 'Rate exceeded', 400);
}
