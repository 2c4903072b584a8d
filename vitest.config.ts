import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/** Checks of what the rest of the suite saw shipmate do (permissions used, secrets printed): they run after it. */
const PERMISSION_TESTS = 'test/permissions/**/*.test.ts';

/**
 * This run's scratch folder, handed to every worker: the permission ledger
 * (every AWS action and Kubernetes verb shipmate used) and the transcripts the
 * secret scan reads (what every shipmate process printed and posted). vitest
 * evaluates this file once per project, so the name comes from the run's main
 * process, not from a random draw; the suite's globalSetup empties both first.
 */
const runDir = join(tmpdir(), `shipmate-test-run-${process.pid}`);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // vitest's default on these 2-core machines is one worker (cores − 1), which runs the files one after another;
    // most of the suite's time is end-to-end tests waiting (a 90 s Slack outage, rollouts, restarts), not CPU, so two
    // files at a time nearly halve the run without starving either.
    maxWorkers: 2,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      SHIPMATE_CALL_LEDGER_DIR: join(runDir, 'call-ledger'),
      SHIPMATE_TRANSCRIPT_DIR: join(runDir, 'transcripts'),
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, PERMISSION_TESTS],
          globalSetup: ['test/support/ledger-global-setup.ts'],
          setupFiles: ['test/support/ledger-test-file.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'permissions', include: [PERMISSION_TESTS], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
