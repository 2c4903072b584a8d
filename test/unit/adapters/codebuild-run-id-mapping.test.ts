import { describe, expect, it } from 'vitest';
import type { Build } from '@aws-sdk/client-codebuild';
import { toBuildSummary } from '../../../src/adapters/aws/codebuild-mapping.js';

const build = (environmentVariables: NonNullable<Build['environment']>['environmentVariables'], extra: Partial<Build> = {}): Build => ({
  id: 'backend-build:1',
  projectName: 'backend-build',
  buildStatus: 'IN_PROGRESS',
  environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables },
  ...extra,
});

describe('toBuildSummary: the run id and the resolved commit', () => {
  it('reads the run id from the plain-text SHIPMATE_RUN_ID among the build’s variables, and the resolved commit', () => {
    // given
    const sha = '3f9a1c27e5b04d8f9e6a2b1c0d7e8f9a0b1c2d3e';
    // when
    const summary = toBuildSummary(
      build(
        [
          { name: 'VERSION', value: '1.2.0', type: 'PLAINTEXT' },
          { name: 'SHIPMATE_RUN_ID', value: 'b7k2q9-backend', type: 'PLAINTEXT' },
        ],
        { resolvedSourceVersion: sha },
      ),
    );
    // then
    expect(summary).toMatchObject({ runId: 'b7k2q9-backend', resolvedSourceVersion: sha });
  });

  it.each([
    ['no variables', undefined],
    ['no SHIPMATE_RUN_ID', [{ name: 'VERSION', value: '1.2.0', type: 'PLAINTEXT' as const }]],
    ['a SHIPMATE_RUN_ID naming a parameter, not a value', [{ name: 'SHIPMATE_RUN_ID', value: '/shipmate/run', type: 'PARAMETER_STORE' as const }]],
  ])('has no run id with %s', (_, variables) => {
    expect(toBuildSummary(build(variables)).runId).toBeUndefined();
  });
});
