import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import type { AwsInput } from './aws-input.js';

export interface AwsCall {
  world: World;
  input: AwsInput;
  /** http(s)://HOST of the sandbox as the caller reached it, for URLs handed back (ECR layer downloads). */
  baseUrl: string;
  /** The whole sandbox state, for operations that keep more than the world (CodeBuild's own builds). */
  state: SandboxState;
  /** The sandbox clock's time for this call, in epoch ms: one instant per call. */
  now: number;
}

/** Answers one operation with its output structure, or throws an AwsError. */
export type AwsOperation = (call: AwsCall) => unknown;

/** One AWS service of the sandbox, as reached through `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface AwsService {
  targetPrefix: string;
  /** The name calls are recorded under in the sandbox state. */
  system: string;
  /** The service name in a SigV4 credential scope. */
  signingName: string;
  /** The prefix of the service's IAM actions (`ecr:DescribeImages`), as listed in world.faults. */
  iamPrefix: string;
  /** The member holding an error's text in this service's model. */
  messageKey: 'message' | 'Message';
  /** The exception for input outside the model's constraints. */
  validationCode: string;
  accessDenied: { code: string; status: number };
  throttling: { code: string; status: number; message: string };
  operations: Readonly<Record<string, AwsOperation>>;
  /** The resource an IAM denial names for this call. */
  resourceArn(operation: string, input: AwsInput, world: World): string;
  /**
   * Every IAM authorization the call needs, each on its resource, for services
   * that name them (ECS's RunTask also needs iam:PassRole on the task's roles).
   * Without it a call needs `<iamPrefix>:<Operation>` alone.
   */
  authorizations?(operation: string, input: AwsInput, state: SandboxState, now: number): Authorization[];
}

export interface Authorization {
  action: string;
  resource: string;
}
