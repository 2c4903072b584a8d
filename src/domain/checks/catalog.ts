import type { Check } from './check.js';
import { codebuildChecks } from './codebuild/index.js';
import { ecrChecks } from './ecr/index.js';
import { ecsChecks } from './ecs/index.js';
import { httpChecks } from './http/index.js';
import { k8sChecks } from './k8s/index.js';

/** Every readiness check, in report order. A service gets the k8s or the ecs ones, by its runtime. */
export const checkCatalog: readonly Check[] = [...codebuildChecks, ...ecrChecks, ...k8sChecks, ...ecsChecks, ...httpChecks];
