import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEntry, Permission } from '../../src/sandbox/sandbox-state.js';

/** Written by the suite's globalSetup: the test files vitest selects for the whole suite, when the run starts. */
const SUITE_FILES = 'suite-files.json';

export interface Ledger {
  /** Every distinct permission shipmate's calls needed, across every process of the run. */
  permissions: Permission[];
  /** The test files that ran, relative to the package root. */
  testFiles: Set<string>;
  /** The test files of the whole suite, relative to the package root; empty if the suite's globalSetup did not run. */
  suiteFiles: string[];
}

export function writeSuiteFiles(dir: string, files: string[]): void {
  writeFileSync(join(dir, SUITE_FILES), JSON.stringify(files));
}

/** The ledger the sandboxes and test files of a run wrote to `dir` (one .jsonl file per process); undefined when there is none. */
export function readLedger(dir: string | undefined): Ledger | undefined {
  if (!dir || !existsSync(dir)) return undefined;
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    // Only newline-terminated lines: a line still being appended by a running process is left out.
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').slice(0, -1))
    .map((line) => JSON.parse(line) as LedgerEntry);
  const permissions = new Map<string, Permission>();
  const testFiles = new Set<string>();
  for (const entry of entries) {
    if (entry.kind === 'test-file') testFiles.add(entry.path);
    else permissions.set(JSON.stringify(entry.permission), entry.permission);
  }
  const suiteFilesPath = join(dir, SUITE_FILES);
  const suiteFiles = existsSync(suiteFilesPath) ? (JSON.parse(readFileSync(suiteFilesPath, 'utf8')) as string[]) : [];
  return { permissions: [...permissions.values()], testFiles, suiteFiles };
}
