import type { Check } from '../check.js';
import { deploymentCheck } from './deployment.js';
import { imageCurrentCheck } from './image-current.js';
import { imageRegistryCheck } from './image-registry.js';
import { networkPolicyCheck } from './network-policy.js';
import { probesCheck } from './probes.js';
import { replicasCheck } from './replicas.js';
import { resourcesCheck } from './resources.js';
import { rolloutCheck } from './rollout.js';
import { secretsCheck } from './secrets.js';
import { securityContextCheck } from './security-context.js';

export const k8sChecks: Check[] = [
  deploymentCheck,
  imageCurrentCheck,
  imageRegistryCheck,
  rolloutCheck,
  securityContextCheck,
  resourcesCheck,
  probesCheck,
  secretsCheck,
  replicasCheck,
  networkPolicyCheck,
];
