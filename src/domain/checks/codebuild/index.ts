import type { Check } from '../check.js';

export const codebuildChecks: Check[] = [];
