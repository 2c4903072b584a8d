import { ecsAt } from '../sandbox/aws/ecs-lookup.js';
import { serviceView } from '../sandbox/aws/ecs-views.js';
import { codebuildRunsOf } from '../sandbox/aws/codebuild-runs.js';
import { runCompiledCli } from './compiled-cli.js';
import { followToVerified } from './deploy-act.js';
import { approve, askForApproval, current, type DemoStage } from './demo-stage.js';
import { isPinnedToEcr, shortImage } from './pinned-image.js';

const CLUSTER = 'shop-staging';
const SERVICE = 'api';

/** What the sandbox's ECS runs for the service api of staging: its own record, not the bot's words. */
interface EcsRecord {
  taskDefinition: string;
  image: string;
  running: number;
  desired: number;
  rolloutState: string;
}

/**
 * `/deploy api <version> staging` on Amazon ECS: the same command and the same
 * approval as on Kubernetes; the thread shown once the new task definition
 * revision rolled out and /verify ran, then checked against what ECS itself
 * runs (a new revision whose api container is the version pinned to ECR's digest).
 */
export async function ecsAct(stage: DemoStage, version: string): Promise<void> {
  const before = ecsRecord(stage);
  stage.say(
    `\nstaging also runs api on Amazon ECS (Fargate): service ${SERVICE} in cluster ${CLUSTER}, task definition ${before.taskDefinition}, image ${shortImage(before.image)}. CI pushed api ${version} to ECR. alice types /deploy api ${version} staging; the preflight runs api's ecs.* checks and shipmate posts the same approval card:\n\n`,
  );
  const card = await askForApproval(stage, '/deploy', `${SERVICE} ${version} staging`);
  stage.show(card);
  stage.say(`\nbob approves; shipmate registers a new revision of the task definition with only api's image changed, pinned to its digest, updates the service and follows the ECS deployment, ready to stop at the first task that fails to start:\n\n`);
  await approve(stage, card);
  await followToVerified(stage, card);
  stage.say(`\n${ecsDeployRecord(stage, version, before.taskDefinition)} The approval card, as it reads now:\n\n`);
  stage.show(current(stage, card));
}

/**
 * What the sandbox's ECS recorded of the deploy, as a narration line: the
 * service on a revision other than `before`, its api container on `version`
 * pinned to ECR's digest, the deployment COMPLETED. The demo stops if not so.
 */
export function ecsDeployRecord(stage: DemoStage, version: string, before: string): string {
  const after = ecsRecord(stage);
  if (after.taskDefinition === before || !isPinnedToEcr(stage, `shop/${SERVICE}`, version, after.image) || after.rolloutState !== 'COMPLETED') {
    throw new Error(`ECS service ${SERVICE} runs ${after.taskDefinition} (${after.image || 'no api container'}, ${after.rolloutState}), not a new revision of ${version} pinned to ECR's digest`);
  }
  return `What the sandbox's ECS recorded: service ${SERVICE} runs task definition ${after.taskDefinition} (it ran ${before}), its api container on ${shortImage(after.image)}, the digest ECR holds for ${version}; deployment ${after.rolloutState}, ${after.running} of ${after.desired} tasks running.`;
}

/** The ECS checks of api from the compiled `shipmate readiness --verbose`, as `grep ' ecs\.'` would keep them. */
export async function ecsChecks(stage: DemoStage, environment: string, columns: number): Promise<void> {
  stage.say(`\n${SERVICE} runs on Amazon ECS (Fargate), not Kubernetes: its checks are the ecs.* ones, beside the k8s.* checks of the other services.\n\n$ shipmate readiness --env ${environment} --verbose | grep ' ecs\\.'\n\n`);
  const verbose = await runCompiledCli(['readiness', '--env', environment, '--verbose', '--no-color'], { ...stage.session.env, COLUMNS: String(columns) });
  const lines = verbose.stdout.split('\n').filter((line) => line.includes(' ecs.'));
  if (lines.length === 0) throw new Error(`shipmate readiness --verbose listed no ECS check (exit code ${verbose.code})`);
  stage.say(`${lines.join('\n')}\n`);
}

function ecsRecord(stage: DemoStage): EcsRecord {
  const { state } = stage.session.sandbox;
  const now = codebuildRunsOf(state).clock.now().getTime();
  const runtime = ecsAt({ state, now });
  const service = runtime.clusters.get(CLUSTER)?.services.get(SERVICE);
  if (!service) throw new Error(`the sandbox's ECS has no service ${SERVICE} in ${CLUSTER}`);
  const view = serviceView(runtime, service, now) as { taskDefinition: string; runningCount: number; desiredCount: number };
  const definition = runtime.taskDefinitions.find(view.taskDefinition);
  const container = (definition?.containerDefinitions as { name?: string; image?: string }[] | undefined)?.find((c) => c.name === SERVICE);
  return {
    taskDefinition: view.taskDefinition.split('/').at(-1) ?? view.taskDefinition,
    image: container?.image ?? '',
    running: view.runningCount,
    desired: view.desiredCount,
    rolloutState: service.deployments[0]?.rolloutState ?? '(none)',
  };
}
