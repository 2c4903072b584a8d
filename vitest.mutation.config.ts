import { defineConfig } from 'vitest/config';

/**
 * The unit tests StrykerJS runs against each mutant (npm run test:mutation):
 * pure and fast, no sandbox servers, so a mutant's covering tests run in
 * milliseconds. Integration and end-to-end tests stay in `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/sandbox/**', 'test/unit/cli/**', 'test/unit/demo/**', 'test/unit/docs/**', 'test/unit/dockerfile.test.ts'],
    // As in vitest.config.ts: a busy machine must not turn a slow table test into a failed dry run.
    testTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
