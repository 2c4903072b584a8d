import { ECSServiceException } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { callEcs, ecsPortError, isUnknownTaskDefinition, type EcsCall } from '../../../src/adapters/aws/ecs-errors.js';
import { PortError } from '../../../src/ports/port-error.js';

const call = (operation: string, names: Partial<EcsCall> = {}): EcsCall => ({ system: 'ECS', operation, endpoint: 'ecs.eu-west-1.amazonaws.com', ...names });

/** An exception as the SDK raises it from ECS's JSON error (`__type` and `message`). */
function ecsError(name: string, message: string, httpStatusCode = 400): ECSServiceException {
  return new ECSServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode, attempts: 1 } });
}

describe('ecsPortError', () => {
  it('given ClusterNotFoundException, when mapped, then one line naming the cluster, invalid', () => {
    const error = ecsPortError(ecsError('ClusterNotFoundException', 'Cluster not found.'), call('DescribeServices', { cluster: 'shop-stagin', service: 'backend' }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS cluster shop-stagin not found' });
  });

  it('given ServiceNotFoundException on UpdateService, when mapped, then one line naming the service and its cluster, invalid', () => {
    const error = ecsPortError(ecsError('ServiceNotFoundException', 'Service not found.'), call('UpdateService', { cluster: 'shop-staging', service: 'bakend' }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS service bakend not found in cluster shop-staging' });
  });

  it.each([
    ['ClientException', 'Unable to describe task definition.'],
    ['ServiceNotActiveException', 'Service was not ACTIVE.'],
    ['InvalidParameterException', 'Task definition does not support launch_type FARGATE.'],
    ['PlatformTaskDefinitionIncompatibilityException', 'The specified platform version does not satisfy the task definition’s required capabilities.'],
    ['PlatformUnknownException', 'The specified platform version does not exist.'],
    ['UnsupportedFeatureException', 'The specified task is not supported in this Region.'],
    ['ClusterNotFoundException', 'Cluster not found.'],
  ])('given %s without a name to quote, when mapped, then the request is rejected as invalid, quoting ECS', (name, message) => {
    const error = ecsPortError(ecsError(name, message), call('RegisterTaskDefinition'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: `ECS RegisterTaskDefinition: request rejected (${name}: ${message})` });
  });

  it('given a ClientException for iam:PassRole, when mapped, then forbidden, quoting the action and never the key id', () => {
    // given
    const message =
      'User: arn:aws:sts::111122223333:assumed-role/shipmate/AKIAIOSFODNN7EXAMPLE is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/shop-backend-task';
    // when
    const error = ecsPortError(ecsError('ClientException', message), call('RegisterTaskDefinition'));
    // then
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'ECS RegisterTaskDefinition: access denied: User: arn:aws:sts::111122223333:assumed-role/shipmate/[redacted] is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/shop-backend-task',
    );
  });

  it.each([
    ['AccessDeniedException', 400, 'forbidden'],
    ['ThrottlingException', 400, 'throttled'],
    ['UnrecognizedClientException', 400, 'unauthorized'],
    ['LimitExceededException', 400, 'limit_exceeded'],
    ['ServerException', 500, 'remote'],
  ])('given %s (HTTP %i), when mapped, then the shared AWS mapping decides: %s', (name, status, code) => {
    expect(ecsPortError(ecsError(name, 'text', status), call('DescribeServices', { cluster: 'c' })).code).toBe(code);
  });

  it('given a socket failure while naming a cluster, when mapped, then unreachable, not "cluster not found"', () => {
    const error = ecsPortError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), call('DescribeServices', { cluster: 'c' }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'unreachable', message: 'ECS DescribeServices: cannot reach ecs.eu-west-1.amazonaws.com (connection refused)' });
  });
});

describe('callEcs and isUnknownTaskDefinition', () => {
  it('given a call, then its answer; given a failure, then a PortError', async () => {
    expect(await callEcs(call('ListTasks'), () => Promise.resolve('answer'))).toBe('answer');
    await expect(callEcs(call('ListTasks', { cluster: 'gone' }), () => Promise.reject(ecsError('ClusterNotFoundException', 'Cluster not found.')))).rejects.toEqual(
      new PortError('invalid', 'ECS cluster gone not found'),
    );
  });

  it('given DescribeTaskDefinition of a revision that does not exist, then it is told apart from other ClientExceptions', () => {
    expect(isUnknownTaskDefinition(ecsError('ClientException', 'Unable to describe task definition.'))).toBe(true);
    expect(isUnknownTaskDefinition(ecsError('ClientException', 'Role is not valid'))).toBe(false);
    expect(isUnknownTaskDefinition(ecsError('InvalidParameterException', 'Unable to describe task definition.'))).toBe(false);
    expect(isUnknownTaskDefinition('Unable to describe task definition.')).toBe(false);
  });
});
