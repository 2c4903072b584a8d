import { relative } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { appendLedgerEntry } from '../../src/sandbox/sandbox-state.js';

// vitest setupFile of the test suite: notes in the permission ledger that this test file ran,
// so that the ledger check can tell a whole suite's ledger from a part's.
const testPath = expect.getState().testPath;
if (testPath) appendLedgerEntry({ kind: 'test-file', path: relative(packageRoot(), testPath) });
