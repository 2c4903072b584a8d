import { codebuildRunsOf } from '../sandbox/aws/codebuild-runs.js';
import { approve, askForApproval, RELEASES, type DemoStage } from './demo-stage.js';

/** `/build <version> backend`, approved by bob, followed until CodeBuild is done and the image is in ECR. */
export async function buildAct(stage: DemoStage, version: string): Promise<void> {
  const slack = stage.session.sandbox.state.slack;
  stage.say(`\nalice types /build ${version} backend; shipmate checks the CodeBuild project and asks for approval:\n\n`);
  const card = await askForApproval(stage, '/build', `${version} backend`);
  stage.show(card);
  stage.say('\nbob clicks Approve; shipmate starts the build and edits one status message as CodeBuild moves:\n\n');
  await approve(stage, card);
  const isStatus = (m: { channel: string; text?: string }) => m.channel === RELEASES && (m.text ?? '').startsWith(`Build ${version} in `);
  const status = await slack.waitForMessage((m) => isStatus(m) && (m.text ?? '').includes('done'), 60_000);
  stage.show(status);
  stage.say(`\n${whatLanded(stage, version)}\n`);
}

/** What the sandbox's CodeBuild and ECR say happened (the build's own record, not the bot's message); the demo stops if no image landed. */
function whatLanded(stage: DemoStage, version: string): string {
  const { state } = stage.session.sandbox;
  const run = codebuildRunsOf(state).all().find((r) => r.projectName === 'backend-build' && r.environmentVariables.some((v) => v.name === 'VERSION' && v.value === version));
  const image = state.world.ecr.repositories.find((r) => r.name === 'shop/backend')?.images.find((i) => i.tags.includes(version));
  if (!run?.pushed || !image) throw new Error(`the build of ${version} pushed no image to ECR`);
  return `The build finished: CodeBuild's run ${run.id} pushed shop/backend:${version} (${image.platforms.join(', ')}) to ECR.`;
}
