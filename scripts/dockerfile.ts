import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** The Dockerfile's stages, each the text after its `FROM `. */
export function dockerfileStages(): string[] {
  return readFileSync(join(packageRoot(), 'Dockerfile'), 'utf8').split(/^FROM /m).slice(1);
}

/** The stage the image runs, with continued lines (`\` at the end) joined into one. */
export function runtimeStage(): string {
  return dockerfileStages().at(-1)!.replace(/\s*\\\n\s*/g, ' ');
}

/** The NODE_OPTIONS the container image sets (its ENV), so benchmarks and tests run the bot as the image does. */
export function imageNodeOptions(): string {
  return /^ENV .*\bNODE_OPTIONS="([^"]*)"/m.exec(runtimeStage())?.[1] ?? '';
}
