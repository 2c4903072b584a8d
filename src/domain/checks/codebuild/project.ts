import { fail, pass, skip, type Check } from '../check.js';

export const projectCheck: Check = {
  id: 'codebuild.project',
  title: 'CodeBuild project exists',
  severity: 'fail',
  run: async ({ target, facts }) => {
    if (!target.codebuild) return skip('no CodeBuild project configured');
    const name = target.codebuild.project;
    const project = await facts.project();
    if (!project) {
      return fail(
        `CodeBuild project ${name} does not exist in this account and region`,
        `create it (\`aws codebuild create-project --name ${name} ...\`) or correct \`services.${target.service}.codebuild.project\` in shipmate.yml`,
      );
    }
    return pass(`CodeBuild project ${name} exists (${project.environmentType}, ${project.computeType})`);
  },
};
