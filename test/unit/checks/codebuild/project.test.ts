import { describe, expect, it } from 'vitest';
import { projectCheck } from '../../../../src/domain/checks/codebuild/project.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { codebuildContext } from '../../../support/codebuild-builders.js';

describe('codebuild.project', () => {
  it('given the configured project exists, when run, then it passes naming its environment', async () => {
    const outcome = await projectCheck.run(codebuildContext());
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('CodeBuild project backend-build exists (LINUX_CONTAINER, BUILD_GENERAL1_SMALL)');
  });

  it('given the project does not exist, when run, then it fails and says which config key to correct', async () => {
    const outcome = await projectCheck.run(codebuildContext({ project: undefined }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('backend-build does not exist');
    expect(outcome.fix).toContain('services.backend.codebuild.project');
    expect(outcome.fix).toContain('aws codebuild create-project --name backend-build');
  });

  it('given no CodeBuild project is configured, when run, then it skips', async () => {
    const outcome = await projectCheck.run(codebuildContext({}, { target: { codebuild: undefined } }));
    expect(outcome).toEqual({ status: 'skip', finding: 'no CodeBuild project configured', fix: '' });
  });

  it('given CodeBuild denies the lookup, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'CodeBuild BatchGetProjects: access denied');
    const context = codebuildContext({}, { ports: { codebuild: { getProject: () => Promise.reject(denied) } } });
    await expect(projectCheck.run(context)).rejects.toBe(denied);
  });
});
