import type { Check } from './check.js';
import { codebuildChecks } from './codebuild/index.js';
import { ecrChecks } from './ecr/index.js';
import { httpChecks } from './http/index.js';
import { k8sChecks } from './k8s/index.js';

/** Every readiness check, in report order. */
export const checkCatalog: readonly Check[] = [...codebuildChecks, ...ecrChecks, ...k8sChecks, ...httpChecks];
