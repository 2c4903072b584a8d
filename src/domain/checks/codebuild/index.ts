import type { Check } from '../check.js';
import { buildspecLoadCheck } from './buildspec-load.js';
import { buildspecVersionCheck } from './buildspec-version.js';
import { lastBuildCheck } from './last-build.js';
import { privilegedCheck } from './privileged.js';
import { projectCheck } from './project.js';
import { quotaCheck } from './quota.js';

export const codebuildChecks: Check[] = [
  projectCheck,
  quotaCheck,
  privilegedCheck,
  buildspecLoadCheck,
  buildspecVersionCheck,
  lastBuildCheck,
];
