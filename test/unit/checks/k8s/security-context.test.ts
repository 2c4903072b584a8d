import { describe, expect, it } from 'vitest';
import { effectiveSecurityContext, securityContextCheck } from '../../../../src/domain/checks/k8s/security-context.js';
import type { Deployment } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyContainer, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const runWith = (edit: (d: Deployment) => void) =>
  securityContextCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: healthyDeployment(edit) }) } }));

describe('k8s.security-context', () => {
  it('given the hardened container of the healthy world, when run, then it passes', async () => {
    const outcome = await runWith(() => undefined);

    expect(outcome.status).toBe('pass');
  });

  it('given no security context anywhere, when run, then it fails listing every missing item and the YAML to add', async () => {
    const outcome = await runWith((d) => {
      delete d.spec.template.spec.securityContext;
      delete mainContainer(d).securityContext;
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'deployment/backend container backend: runAsNonRoot not true, allowPrivilegeEscalation not false, capabilities not dropping ALL, root filesystem writable, no seccompProfile',
    );
    expect(outcome.fix).toBe(
      'add to container backend: securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, readOnlyRootFilesystem: true, seccompProfile: { type: RuntimeDefault } }',
    );
  });

  it('given everything set on the container alone, when run, then it passes', async () => {
    const outcome = await runWith((d) => {
      delete d.spec.template.spec.securityContext;
      mainContainer(d).securityContext = {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/backend.json' },
      };
    });

    expect(outcome).toMatchObject({
      status: 'pass',
      finding: 'deployment/backend container backend runs as non-root, read-only, no privilege escalation, all capabilities dropped, seccomp on',
    });
  });

  it('given the container runs as uid 0 over a non-root pod, when run, then the container setting wins and it fails', async () => {
    const outcome = await runWith((d) => {
      mainContainer(d).securityContext = { ...mainContainer(d).securityContext, runAsUser: 0 };
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend container backend: runs as root (runAsUser 0)');
  });

  it('given a non-zero runAsUser without runAsNonRoot, when run, then it counts as non-root', async () => {
    const outcome = await runWith((d) => {
      d.spec.template.spec.securityContext = { runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } };
    });

    expect(outcome.status).toBe('pass');
  });

  it('given a privileged container with an Unconfined seccomp profile, when run, then both are reported', async () => {
    const outcome = await runWith((d) => {
      const container = mainContainer(d);
      container.securityContext = { ...container.securityContext, privileged: true, seccompProfile: { type: 'Unconfined' } };
    });

    expect(outcome.finding).toBe('deployment/backend container backend: seccompProfile Unconfined, privileged');
    expect(outcome.fix).toBe('add to container backend: securityContext: { seccompProfile: { type: RuntimeDefault }, privileged: false }');
  });

  it('given allowPrivilegeEscalation on the pod only, when merged, then it is not inherited (the field is container-only)', () => {
    const pod = { runAsNonRoot: true, allowPrivilegeEscalation: false } as const;

    const effective = effectiveSecurityContext(pod, healthyContainer({ securityContext: {} }));

    expect(effective).toStrictEqual({ runAsNonRoot: true });
  });

  it('given capabilities dropped in lower case, when run, then "all" counts', async () => {
    const outcome = await runWith((d) => {
      mainContainer(d).securityContext = { ...mainContainer(d).securityContext, capabilities: { drop: ['all'] } };
    });

    expect(outcome.status).toBe('pass');
  });

  it.each([[['NET_RAW']], [['NET_RAW', 'SYS_ADMIN']], [[]]])(
    'given capabilities dropping %j but not ALL, when run, then it fails asking to drop ALL',
    async (drop) => {
      const outcome = await runWith((d) => {
        mainContainer(d).securityContext = { ...mainContainer(d).securityContext, capabilities: { drop } };
      });

      expect(outcome).toMatchObject({
        status: 'fail',
        finding: 'deployment/backend container backend: capabilities not dropping ALL',
        fix: 'add to container backend: securityContext: { capabilities: { drop: [ALL] } }',
      });
    },
  );

  it('given capabilities that only add, when run, then nothing counts as dropped', async () => {
    const outcome = await runWith((d) => {
      mainContainer(d).securityContext = { ...mainContainer(d).securityContext, capabilities: { add: ['NET_BIND_SERVICE'] } };
    });

    expect(outcome.finding).toBe('deployment/backend container backend: capabilities not dropping ALL');
  });

  it('given the configured container is missing, when run, then it skips', async () => {
    const outcome = await runWith((d) => {
      mainContainer(d).name = 'app';
    });

    expect(outcome).toMatchObject({ status: 'skip', finding: 'deployment/backend has no container named backend (k8s.deployment reports it)' });
  });

  it('given the cluster fails, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('remote', 'Kubernetes get deployments/backend: 500')) };

    await expect(securityContextCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
