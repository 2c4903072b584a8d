import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packageRoot } from '../../src/package-root.js';
import { CALL_LEDGER_DIR_VARIABLE } from '../../src/sandbox/sandbox-state.js';
import { TRANSCRIPT_DIR_VARIABLE } from '../../src/sandbox/transcript.js';
import { writeSuiteFiles } from './ledger.js';

/**
 * vitest globalSetup of the test suite: fresh, empty folders for what the
 * suite leaves for the checks that run after it — the permission ledger and
 * the secret scan's transcripts (vitest.config.ts names them and hands them to
 * every worker) — with the list of the whole suite's test files, so the
 * ledger check can tell whether all of them ran. Both are removed when the
 * whole run, those checks included, ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dirs = [CALL_LEDGER_DIR_VARIABLE, TRANSCRIPT_DIR_VARIABLE].map((variable) => {
    const dir = project.config.env[variable];
    if (!dir) throw new Error(`vitest.config.ts must set test.env.${variable}`);
    return dir;
  });
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const { testFiles } = await project.globTestFiles();
  writeSuiteFiles(dirs[0]!, testFiles.map((file) => relative(packageRoot(), file)).sort());
  return () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    // The run's folder that held them, if nothing else is left in it.
    for (const parent of new Set(dirs.map((dir) => dirname(dir)))) {
      try {
        rmdirSync(parent);
      } catch {
        // not empty, or not ours to remove
      }
    }
  };
}
