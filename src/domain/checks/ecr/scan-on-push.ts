import { fail, pass, skip, type Check } from '../check.js';

export const scanOnPushCheck: Check = {
  id: 'ecr.scan-on-push',
  title: 'Scan on push',
  severity: 'warn',
  run: async ({ target, facts }) => {
    const name = target.ecr.repository;
    const repository = await facts.repository();
    if (!repository) return skip(`repository ${name} does not exist (see ecr.repository)`);
    if (repository.scanOnPush) return pass(`repository ${name} scans every image on push`);
    return fail(
      `repository ${name} does not scan images on push: new tags have no findings until someone starts a scan`,
      `\`aws ecr put-image-scanning-configuration --repository-name ${name} --image-scanning-configuration scanOnPush=true\``,
    );
  },
};
