import type { Check } from '../check.js';
import { healthCheck } from './health.js';
import { tlsCheck } from './tls.js';

export const httpChecks: Check[] = [healthCheck, tlsCheck];
