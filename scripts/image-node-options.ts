import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** The NODE_OPTIONS the container image sets (Dockerfile ENV), so benchmarks and tests run the bot as the image does. */
export function imageNodeOptions(): string {
  const dockerfile = readFileSync(join(packageRoot(), 'Dockerfile'), 'utf8');
  const runtime = dockerfile.split(/^FROM /m).at(-1)!;
  return /^ENV .*\bNODE_OPTIONS="([^"]*)"/m.exec(runtime.replace(/\\\n\s*/g, ' '))?.[1] ?? '';
}
