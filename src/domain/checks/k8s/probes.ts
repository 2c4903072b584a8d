import type { Probe } from '../../../ports/cluster.port.js';
import { fail, pass, warn, type Check } from '../check.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

export const probesCheck: Check = {
  id: 'k8s.probes',
  title: 'Readiness and liveness probes',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    const who = containerName(deployment, container);
    const { readinessProbe, livenessProbe } = container;
    if (!readinessProbe) {
      return fail(
        `${who} has no readinessProbe: pods get traffic before they can serve it`,
        `add to container ${container.name}: readinessProbe: { ${handlerYaml(livenessProbe)}, periodSeconds: 5 }`,
      );
    }
    if (!livenessProbe) {
      return warn(
        `${who} has a readinessProbe but no livenessProbe: a hung process is never restarted`,
        `add to container ${container.name}: livenessProbe: { ${handlerYaml(readinessProbe)}, periodSeconds: 10, failureThreshold: 3 }`,
      );
    }
    return pass(`${who} has readiness and liveness probes`);
  },
};

/** The other probe's handler when there is one (same endpoint, different purpose), else a typical HTTP one. */
function handlerYaml(other: Probe | undefined): string {
  if (other?.httpGet) return `httpGet: { path: ${other.httpGet.path ?? '/'}, port: ${other.httpGet.port} }`;
  if (other?.tcpSocket) return `tcpSocket: { port: ${other.tcpSocket.port} }`;
  if (other?.grpc) return `grpc: { port: ${other.grpc.port} }`;
  return 'httpGet: { path: /health, port: 8080 }';
}
