import { z } from 'zod';

/** Environment, service, namespace and Deployment names: a lowercase DNS label. */
export const dnsLabel = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a lowercase DNS label (a-z, 0-9, -)');
