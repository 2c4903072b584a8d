import type { IncomingMessage } from 'node:http';

/** The one bearer token the sandbox's API server accepts. Not a secret: it only opens the local sandbox. */
export const SANDBOX_KUBE_TOKEN = 'sandbox-token';

/** Who that token authenticates as: shipmate's service account, named in 403 messages as RBAC would. */
export const SANDBOX_KUBE_USER = 'system:serviceaccount:shipmate:shipmate';

export function isAuthenticated(req: IncomingMessage): boolean {
  return req.headers.authorization === `Bearer ${SANDBOX_KUBE_TOKEN}`;
}
