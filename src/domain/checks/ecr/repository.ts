import { fail, pass, type Check } from '../check.js';

export const repositoryCheck: Check = {
  id: 'ecr.repository',
  title: 'ECR repository exists',
  severity: 'fail',
  run: async ({ target, facts }) => {
    const name = target.ecr.repository;
    const repository = await facts.repository();
    if (!repository) {
      return fail(
        `ECR repository ${name} does not exist in this account and region`,
        `\`aws ecr create-repository --repository-name ${name} --image-scanning-configuration scanOnPush=true\`, or correct \`services.${target.service}.ecr.repository\``,
      );
    }
    return pass(`ECR repository ${repository.uri} exists`);
  },
};
