import type { World } from '../world.js';

/** ARNs of the sandbox account's resources, shaped as AWS shapes them. */
export const arns = {
  iamUser: (world: World, name: string) => `arn:aws:iam::${world.accountId}:user/${name}`,
  codebuildProject: (world: World, name: string) => `arn:aws:codebuild:${world.region}:${world.accountId}:project/${name}`,
  codebuildBuild: (world: World, id: string) => `arn:aws:codebuild:${world.region}:${world.accountId}:build/${id}`,
  codebuildServiceRole: (world: World, project: string) =>
    `arn:aws:iam::${world.accountId}:role/service-role/codebuild-${project}-service-role`,
  ecrRepository: (world: World, name: string) => `arn:aws:ecr:${world.region}:${world.accountId}:repository/${name}`,
  serviceQuota: (world: World, serviceCode: string, quotaCode: string) =>
    `arn:aws:servicequotas:${world.region}:${world.accountId}:${serviceCode}/${quotaCode}`,
};
