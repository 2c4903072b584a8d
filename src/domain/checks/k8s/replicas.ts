import { fail, pass, type Check } from '../check.js';
import { deploymentName } from './describe-object.js';
import { locateDeployment } from './locate-deployment.js';

export const replicasCheck: Check = {
  id: 'k8s.replicas',
  title: 'At least two replicas, spread across nodes',
  severity: 'warn',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateDeployment(context);
    if ('skipped' in located) return located.skipped;
    const { deployment } = located;
    const { namespace } = context.target;
    const name = deploymentName(deployment);
    const replicas = deployment.spec.replicas ?? 1;
    if (replicas < 2) {
      return fail(
        `${name} runs ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}: a node drain or crash is an outage`,
        `kubectl -n ${namespace} scale ${name} --replicas=2 (and set spec.replicas: 2 in its manifest, with topologySpreadConstraints)`,
      );
    }
    const podSpec = deployment.spec.template.spec;
    const spread = podSpec.topologySpreadConstraints ?? [];
    if (spread.length > 0) {
      return pass(`${replicas} replicas spread by ${spread.map((c) => c.topologyKey).join(', ')}`);
    }
    if (podSpec.affinity?.podAntiAffinity && Object.keys(podSpec.affinity.podAntiAffinity).length > 0) {
      return pass(`${replicas} replicas with podAntiAffinity`);
    }
    const labels = Object.entries(deployment.spec.template.labels)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    return fail(
      `${name} has ${replicas} replicas but neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`,
      `add to the pod spec: topologySpreadConstraints: [{ maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { ${labels} } } }]`,
    );
  },
};
