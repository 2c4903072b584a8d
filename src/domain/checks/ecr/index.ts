import type { Check } from '../check.js';
import { platformCheck } from './platform.js';
import { repositoryCheck } from './repository.js';
import { scanOnPushCheck } from './scan-on-push.js';
import { scanCheck } from './scan.js';
import { sizeCheck } from './size.js';
import { tagCheck } from './tag.js';

export const ecrChecks: Check[] = [repositoryCheck, tagCheck, platformCheck, scanCheck, scanOnPushCheck, sizeCheck];
