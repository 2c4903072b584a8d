import { ECRServiceException, RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { toPortError } from '../../../src/adapters/aws/aws-error.js';
import { PortError } from '../../../src/ports/port-error.js';

const call = { system: 'ECR', operation: 'DescribeImages', endpoint: 'api.ecr.eu-west-1.amazonaws.com' };

function serviceError(name: string, message: string, httpStatusCode = 400, attempts = 1): ECRServiceException {
  return new ECRServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode, attempts } });
}

function socketError(code: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${code} something`), { code, ...fields });
}

describe('toPortError', () => {
  it('given an access denial, when mapped, then it is forbidden and quotes the message naming the IAM action', () => {
    const message =
      'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ecr:DescribeImages on resource: arn:aws:ecr:eu-west-1:111122223333:repository/shop/backend';

    const error = toPortError(serviceError('AccessDeniedException', message), call);

    expect(error).toBeInstanceOf(PortError);
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(`ECR DescribeImages: access denied: ${message}`);
  });

  it('given an unnamed 403, when mapped, then it is forbidden', () => {
    expect(toPortError(serviceError('Forbidden', 'UnknownError', 403), call).code).toBe('forbidden');
  });

  it.each(['UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'MissingAuthenticationTokenException'])(
    'given %s, when mapped, then it is unauthorized',
    (name) => {
      const error = toPortError(serviceError(name, 'The security token included in the request is invalid.'), call);

      expect(error.code).toBe('unauthorized');
      expect(error.message).toBe(`ECR DescribeImages: credentials rejected (${name}: The security token included in the request is invalid.)`);
    },
  );

  it('given no credentials could be found, when mapped, then it is unauthorized and says so', () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });

    const error = toPortError(noCredentials, call);

    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('ECR DescribeImages: no AWS credentials found (Could not load credentials from any providers)');
  });

  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', 429],
    ['SomethingElse', 429],
  ])('given %s with HTTP %i, when mapped, then it is throttled and counts the attempts', (name, status) => {
    const error = toPortError(serviceError(name, 'Rate exceeded', status, 3), call);

    expect(error.code).toBe('throttled');
    expect(error.message).toBe(`ECR DescribeImages: throttled by AWS after 3 attempts (${name}: Rate exceeded)`);
  });

  it('given a validation error, when mapped, then it is invalid', () => {
    const error = toPortError(serviceError('InvalidParameterException', 'Invalid parameter at imageIds'), call);

    expect(error.code).toBe('invalid');
    expect(error.message).toBe('ECR DescribeImages: request rejected (InvalidParameterException: Invalid parameter at imageIds)');
  });

  it('given CodeBuild refusing a start over its queue limit, when mapped, then it is limit_exceeded and quotes CodeBuild', () => {
    const startBuild = { system: 'CodeBuild', operation: 'StartBuild', endpoint: 'codebuild.eu-west-1.amazonaws.com' };
    const refusal = serviceError('AccountLimitExceededException', 'Cannot have more than 0 builds in queue for the account');

    const error = toPortError(refusal, startBuild);

    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toBe('CodeBuild StartBuild: AccountLimitExceededException: Cannot have more than 0 builds in queue for the account');
  });

  it('given a start naming a project that does not exist, when mapped, then the request is invalid', () => {
    const startBuild = { system: 'CodeBuild', operation: 'StartBuild', endpoint: 'codebuild.eu-west-1.amazonaws.com' };
    const missing = serviceError('ResourceNotFoundException', 'Project cannot be found: arn:aws:codebuild:eu-west-1:111122223333:project/x');

    const error = toPortError(missing, startBuild);

    expect(error.code).toBe('invalid');
    expect(error.message).toBe(
      'CodeBuild StartBuild: request rejected (ResourceNotFoundException: Project cannot be found: arn:aws:codebuild:eu-west-1:111122223333:project/x)',
    );
  });

  it('given any other service error, when mapped, then it is remote and keeps the exception name', () => {
    const error = toPortError(new RepositoryNotFoundException({ message: "The repository with name 'x' does not exist", $metadata: {} }), call);

    expect(error.code).toBe('remote');
    expect(error.message).toBe("ECR DescribeImages: RepositoryNotFoundException: The repository with name 'x' does not exist");
  });

  it('given a server error without a message, when mapped, then the HTTP status stands in for it', () => {
    const error = toPortError(serviceError('InternalFailure', 'UnknownError', 500), call);

    expect(error.code).toBe('remote');
    expect(error.message).toBe('ECR DescribeImages: InternalFailure: HTTP 500');
  });

  it('given a refused connection, when mapped, then it is unreachable and names the address the socket tried', () => {
    const error = toPortError(socketError('ECONNREFUSED', { address: '127.0.0.1', port: 4566, $metadata: { attempts: 3 } }), call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('ECR DescribeImages: cannot reach 127.0.0.1:4566 (connection refused)');
  });

  it('given an unknown host, when mapped, then it is unreachable and names the host', () => {
    const error = toPortError(socketError('ENOTFOUND', { hostname: 'api.ecr.nowhere.example' }), call);

    expect(error.message).toBe('ECR DescribeImages: cannot reach api.ecr.nowhere.example (host not found)');
  });

  it('given fetch failing with the socket error as its cause, when mapped, then the cause is what counts', () => {
    const fetchFailure = new TypeError('fetch failed', {
      cause: new AggregateError([socketError('ECONNREFUSED', { address: '::1', port: 443 })], 'connect failed'),
    });

    const error = toPortError(fetchFailure, call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('ECR DescribeImages: cannot reach ::1:443 (connection refused)');
  });

  it('given the SDK timing out, when mapped, then it is unreachable at the configured endpoint', () => {
    const timeout = Object.assign(new Error('the request socket did not establish a connection within 2000 ms'), { name: 'TimeoutError' });

    const error = toPortError(timeout, call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('ECR DescribeImages: cannot reach api.ecr.eu-west-1.amazonaws.com (timed out)');
  });

  it('given a rejected TLS certificate, when mapped, then it is unreachable and says why', () => {
    const error = toPortError(socketError('DEPTH_ZERO_SELF_SIGNED_CERT'), call);

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('TLS failure: DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('given a message over several lines carrying a key id and a signature, when mapped, then it is one line with both blanked', () => {
    const message = 'Request signed by AKIAIOSFODNN7EXAMPLE\n  was refused:\n\tSignature=0123abcd expected';

    const error = toPortError(serviceError('InvalidSignatureException', message), call);

    expect(error.message).toBe(
      'ECR DescribeImages: credentials rejected (InvalidSignatureException: Request signed by [redacted] was refused: Signature=[redacted] expected)',
    );
  });

  it('given a very long message, when mapped, then it is cut short', () => {
    const error = toPortError(serviceError('InternalFailure', 'x'.repeat(2000), 500), call);

    expect(error.message.length).toBeLessThanOrEqual('ECR DescribeImages: '.length + 400);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('given a PortError already, when mapped, then it is passed through unchanged', () => {
    const original = new PortError('invalid', 'ECR: bad tag');

    expect(toPortError(original, call)).toBe(original);
  });
});
