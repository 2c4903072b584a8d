import { describe, expect, it } from 'vitest';
import { replicasCheck } from '../../../../src/domain/checks/k8s/replicas.js';
import type { Deployment } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyDeployment } from '../../../support/k8s-builders.js';

const runWith = (edit: (d: Deployment) => void) =>
  replicasCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: healthyDeployment(edit) }) } }));

describe('k8s.replicas', () => {
  it('given two replicas spread across zones, when run, then it passes naming the topology key', async () => {
    const outcome = await runWith(() => undefined);

    expect(outcome).toMatchObject({ status: 'pass', finding: '2 replicas spread by topology.kubernetes.io/zone' });
  });

  it('given one replica, when run, then it fails: a drain is an outage', async () => {
    const outcome = await runWith((d) => {
      d.spec.replicas = 1;
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend runs 1 replica: a node drain or crash is an outage');
    expect(outcome.fix).toContain('kubectl -n shop-staging scale deployment/backend --replicas=2');
  });

  it('given spec.replicas left out, when run, then the default of one fails', async () => {
    const outcome = await runWith((d) => {
      delete d.spec.replicas;
    });

    expect(outcome.finding).toContain('runs 1 replica');
  });

  it('given three replicas with neither anti-affinity nor spread, when run, then it fails with a spread constraint to add', async () => {
    const outcome = await runWith((d) => {
      d.spec.replicas = 3;
      delete d.spec.template.spec.topologySpreadConstraints;
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('3 replicas but neither podAntiAffinity nor topologySpreadConstraints');
    expect(outcome.fix).toContain('topologyKey: kubernetes.io/hostname');
    expect(outcome.fix).toContain('matchLabels: { app: backend }');
  });

  it('given pod anti-affinity instead of spread constraints, when run, then it passes', async () => {
    const outcome = await runWith((d) => {
      d.spec.template.spec.topologySpreadConstraints = [];
      d.spec.template.spec.affinity = {
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] },
      };
    });

    expect(outcome).toMatchObject({ status: 'pass', finding: '2 replicas with podAntiAffinity' });
  });

  it('given an empty podAntiAffinity, when run, then it does not count', async () => {
    const outcome = await runWith((d) => {
      delete d.spec.template.spec.topologySpreadConstraints;
      d.spec.template.spec.affinity = { podAntiAffinity: {} };
    });

    expect(outcome.status).toBe('fail');
  });

  it('given the Deployment scaled to zero, when run, then it fails counting replicas in the plural', async () => {
    const outcome = await runWith((d) => {
      d.spec.replicas = 0;
    });

    expect(outcome).toMatchObject({ status: 'fail', finding: 'deployment/backend runs 0 replicas: a node drain or crash is an outage' });
  });

  it('given two spread constraints, when run, then it passes naming both topology keys', async () => {
    const outcome = await runWith((d) => {
      d.spec.template.spec.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
      ];
    });

    expect(outcome.finding).toBe('2 replicas spread by topology.kubernetes.io/zone, kubernetes.io/hostname');
  });

  it('given pods with two labels and no spread, when run, then the suggested constraint selects by both', async () => {
    const outcome = await runWith((d) => {
      d.spec.template.labels = { app: 'backend', tier: 'api' };
      delete d.spec.template.spec.topologySpreadConstraints;
    });

    expect(outcome.fix).toContain('labelSelector: { matchLabels: { app: backend, tier: api } }');
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await replicasCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('skip');
  });

  it('given the cluster fails, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('remote', 'Kubernetes get deployments/backend: 500')) };

    await expect(replicasCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
