// @ts-check
/**
 * Mutation testing of the safety-critical core (npm run test:mutation): the
 * rules that decide whether something may ship, whether a rollout failed and
 * what a readiness check says. Each mutant runs only the unit tests that
 * cover it (coverageAnalysis perTest). Report: reports/mutation/ (git-ignored).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/domain/approvals/decide.ts',
    'src/domain/approvals/apply-decision.ts',
    'src/domain/approvals/policy-for.ts',
    'src/domain/approvals/principals.ts',
    'src/domain/deploys/rollout-status.ts',
    'src/domain/deploys/pod-failure.ts',
    'src/schedule/cron-expression.ts',
    'src/domain/checks/**/*.ts',
    'src/domain/readiness/run-check.ts',
    'src/domain/readiness/run-readiness.ts',
    'src/domain/readiness/score.ts',
    'src/domain/builds/plan-build.ts',
    'src/domain/builds/explain-limit.ts',
    'src/domain/releases/release-checklist.ts',
    'src/domain/releases/snapshot-identifier.ts',
    'src/domain/releases/take-snapshot.ts',
    'src/domain/releases/ecs-migration.ts',
    'src/domain/deploys/ecs/ecs-task-failure.ts',
    'src/domain/deploys/ecs/watch-ecs-deployment.ts',
    'src/domain/deploys/ecs/ecs-workload.ts',
    'src/domain/deploys/kubernetes-workload.ts',
    'src/domain/deploys/argo/canary-status.ts',
    'src/domain/deploys/argo/analysis-summary.ts',
    'src/domain/deploys/argo/pause-aware-timeout.ts',
    'src/domain/deploys/argo/watch-canary.ts',
    'src/domain/deploys/argo/argo-rollout-workload.ts',
    'src/app/deploys/canary-gate.ts',
    'src/app/deploys/promote-request.ts',
    'src/domain/releases/run-migration.ts',
    'src/domain/releases/migration-*.ts',
    // The playground's renderer: the one place a person's or the cluster's text becomes HTML.
    'src/playground/render/*.ts',
  ],
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  // The gate is scripts/mutation-summary.ts: 95 % of covered mutants per module, 90 % of all overall.
  thresholds: { high: 95, low: 90, break: null },
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // Not copied into Stryker's sandbox: other runs' temp folders, reports and build output.
  ignorePatterns: ['/.stryker-tmp*', '/reports', '/dist', '/.node24'],
  cleanTempDir: 'always',
};
