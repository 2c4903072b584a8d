import { describe, expect, it } from 'vitest';
import { probesCheck } from '../../../../src/domain/checks/k8s/probes.js';
import type { Container } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const runWith = (edit: (c: Container) => void) =>
  probesCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: healthyDeployment((d) => edit(mainContainer(d))) }) } }));

describe('k8s.probes', () => {
  it('given readiness and liveness probes, when run, then it passes', async () => {
    const outcome = await runWith(() => undefined);

    expect(outcome).toMatchObject({ status: 'pass', finding: 'deployment/backend container backend has readiness and liveness probes' });
  });

  it('given no readinessProbe, when run, then it fails suggesting one on the liveness endpoint', async () => {
    const outcome = await runWith((c) => {
      delete c.readinessProbe;
      c.livenessProbe = { httpGet: { path: '/livez', port: 9000 } };
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('deployment/backend container backend has no readinessProbe');
    expect(outcome.fix).toBe('add to container backend: readinessProbe: { httpGet: { path: /livez, port: 9000 }, periodSeconds: 5 }');
  });

  it('given no probes at all, when run, then it fails with a typical HTTP probe as the fix', async () => {
    const outcome = await runWith((c) => {
      delete c.readinessProbe;
      delete c.livenessProbe;
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.fix).toContain('readinessProbe: { httpGet: { path: /health, port: 8080 }');
  });

  it('given only the livenessProbe missing, when run, then it warns rather than fails', async () => {
    const outcome = await runWith((c) => {
      delete c.livenessProbe;
      c.readinessProbe = { tcpSocket: { port: 5432 } };
    });

    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toContain('no livenessProbe');
    expect(outcome.fix).toContain('livenessProbe: { tcpSocket: { port: 5432 }');
  });

  it('given no readinessProbe and an httpGet liveness probe without a path, when run, then the suggested probe uses the root path', async () => {
    const outcome = await runWith((c) => {
      delete c.readinessProbe;
      c.livenessProbe = { httpGet: { port: 'http' } };
    });

    expect(outcome.fix).toBe('add to container backend: readinessProbe: { httpGet: { path: /, port: http }, periodSeconds: 5 }');
  });

  it('given no readinessProbe and a gRPC liveness probe, when run, then the suggested probe uses the same gRPC port', async () => {
    const outcome = await runWith((c) => {
      delete c.readinessProbe;
      c.livenessProbe = { grpc: { port: 9090 } };
    });

    expect(outcome.fix).toBe('add to container backend: readinessProbe: { grpc: { port: 9090 }, periodSeconds: 5 }');
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await probesCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('skip');
  });

  it('given the cluster fails, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('unreachable', 'Kubernetes get deployments/backend: timeout')) };

    await expect(probesCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
