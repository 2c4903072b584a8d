import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../src/config/config-json-schema.js';
import { renderConfigReference } from '../src/config/config-reference.js';
import { packageRoot } from '../src/package-root.js';

/** Regenerates docs/configuration.md from the config schema: `npm run docs:config` (test/unit/config/config-reference.test.ts keeps it in step). */
const path = join(packageRoot(), 'docs', 'configuration.md');
writeFileSync(path, renderConfigReference(configJsonSchema()));
console.log(`wrote ${path}`);
