import { fail, pass, skip, type Check } from '../check.js';
import { isInClusterHost } from './in-cluster-host.js';
import { probeHealthUrl } from './probe-health-url.js';

/** Probe errors that mean the TLS handshake or the certificate is the problem. */
const TLS_FAILURE = /^TLS\b|certificate|self[- ]signed|expired|untrusted|unable to verify/i;

export const tlsCheck: Check = {
  id: 'http.tls',
  title: 'Public URLs use https',
  severity: 'fail',
  run: async (context) => {
    const { target } = context;
    const url = target.healthUrl;
    if (!url) return skip(`no healthUrl configured for ${target.service} in ${target.environment}`);
    const { protocol, hostname } = new URL(url);
    if (protocol === 'http:') {
      if (isInClusterHost(hostname)) return pass(`${hostname} is an in-cluster name: plain HTTP stays inside the cluster`);
      return fail(
        `${url} is served over plain HTTP`,
        `serve it over https (TLS on the ingress or load balancer) and set services.${target.service}.healthUrl to https://${url.slice('http://'.length)}`,
      );
    }
    const result = await probeHealthUrl(context, url);
    if (result.error && TLS_FAILURE.test(result.error)) {
      return fail(
        `${hostname} does not present a trusted certificate: ${result.error}`,
        `install a valid certificate for ${hostname} from a trusted CA (cert-manager, ACM), or point http.caFile at your private CA`,
      );
    }
    if (result.status === undefined) {
      return pass(`uses https; certificate not verified as no answer came (${result.error ?? 'unknown error'}; http.health reports it)`);
    }
    return pass(`uses https with a trusted certificate`);
  },
};
