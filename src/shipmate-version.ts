import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** shipmate's version, from its package.json. */
export const SHIPMATE_VERSION = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** How shipmate names itself to AWS and Kubernetes, so its calls stand out in CloudTrail and the API server's audit log. */
export const SHIPMATE_USER_AGENT = `shipmate/${SHIPMATE_VERSION}`;
