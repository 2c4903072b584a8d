import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEcsPort } from '../../src/adapters/aws/ecs-adapter.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { portFailureOf } from '../support/port-failure.js';

/**
 * The ECS adapter over the real SDK against answers the sandbox's scheduler
 * never gives: RunTask's failures[] (no capacity), DescribeServices failures
 * other than MISSING, and nothing listening. A one-route server on 127.0.0.1
 * answers each operation (X-Amz-Target) with the JSON 1.1 body the API reference shows.
 */

let server: Server | undefined;
const targets: string[] = [];

async function ecsAnswering(bodies: Record<string, unknown>) {
  server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonEC2ContainerServiceV20141113\./, '');
    targets.push(operation);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'b1c2d3e4-0000-4000-8000-000000000001' });
      res.end(JSON.stringify(bodies[operation] ?? {}));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return createEcsPort({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 });
}

const migration = {
  cluster: 'shop-staging',
  taskDefinition: 'shop-staging-api:7',
  container: 'api',
  command: ['alembic', 'upgrade', 'head'],
  launchType: 'FARGATE',
  startedBy: 'shipmate/release-42',
  clientToken: 'shipmate-release-42-migrate',
};

afterEach(async () => {
  targets.length = 0;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('ECS adapter: answers the sandbox does not give', () => {
  it('given RunTask answers no task and a failure, when a migration is run, then PortError invalid quoting the reason and detail', async () => {
    // given
    const port = await ecsAnswering({
      RunTask: { tasks: [], failures: [{ arn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging', reason: 'RESOURCE:MEMORY', detail: 'no capacity' }] },
    });
    // when
    const error = await portFailureOf(port.runTask(migration));
    // then
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'invalid',
      message: 'ECS RunTask: no task of shop-staging-api:7 started: RESOURCE:MEMORY (no capacity)',
    });
    expect(targets).toEqual(['RunTask']);
  });

  it('given RunTask answers neither a task nor a failure, when a migration is run, then a remote PortError', async () => {
    const port = await ecsAnswering({ RunTask: { tasks: [], failures: [] } });
    const error = await portFailureOf(port.runTask(migration));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'remote', message: 'ECS RunTask: the answer holds no task' });
  });

  it('given DescribeServices answers a failure other than MISSING, when the service is described, then a remote PortError with ECS\'s words', async () => {
    const arn = 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api';
    const port = await ecsAnswering({ DescribeServices: { services: [], failures: [{ arn, reason: 'INTERNAL_ERROR', detail: 'try again' }] } });
    const error = await portFailureOf(port.describeService('shop-staging', 'api'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'remote', message: `ECS DescribeServices: ${arn}: INTERNAL_ERROR (try again)` });
  });

  it('given nothing listening, when a service is described, then unreachable naming the endpoint', async () => {
    // given: a port opened and closed again
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port: closed } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const port = createEcsPort({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${closed}`, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 });
    // when
    const error = await portFailureOf(port.describeService('shop-staging', 'api'));
    // then
    expect({ code: error.code, message: error.message }).toEqual({ code: 'unreachable', message: `ECS DescribeServices: cannot reach 127.0.0.1:${closed} (connection refused)` });
  });
});
