import type { Check } from '../check.js';

export const ecrChecks: Check[] = [];
