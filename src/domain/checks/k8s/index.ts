import type { Check } from '../check.js';

export const k8sChecks: Check[] = [];
