import type { Check } from '../check.js';
import { circuitBreakerCheck } from './circuit-breaker.js';
import { desiredCountCheck } from './desired-count.js';
import { healthCheckCheck } from './health-check.js';
import { imageCurrentCheck } from './image-current.js';
import { imageRegistryCheck } from './image-registry.js';
import { loggingCheck } from './logging.js';
import { platformCheck } from './platform.js';
import { rolloutCheck } from './rollout.js';
import { secretsCheck } from './secrets.js';
import { securityContextCheck } from './security-context.js';
import { serviceCheck } from './service.js';

export const ecsChecks: Check[] = [
  serviceCheck,
  imageCurrentCheck,
  imageRegistryCheck,
  platformCheck,
  rolloutCheck,
  circuitBreakerCheck,
  healthCheckCheck,
  desiredCountCheck,
  secretsCheck,
  securityContextCheck,
  loggingCheck,
];
