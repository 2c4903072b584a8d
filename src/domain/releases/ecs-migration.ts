import type { Clock } from '../../ports/clock.port.js';
import type { EcsPort, EcsTask } from '../../ports/ecs.port.js';

export interface EcsMigrationTarget {
  cluster: string;
  /** The ECS service whose task definition, network configuration and launch type the task takes. */
  service: string;
  container: string;
  /** The release image, pinned: the task runs a revision of the service's task definition with only this image changed. */
  image: string;
  command: string[];
  timeoutMinutes: number;
  /** Deterministic per release run: the task's startedBy and RunTask's idempotency token, so a resumed release finds its task. */
  runName: string;
  pollMs?: number;
}

export type EcsMigrationOutcome =
  | { kind: 'succeeded'; jobName: string; message: string }
  | { kind: 'failed'; jobName: string; reason: string; message: string; logTail: string[] };

const DEFAULT_POLL_MS = 3_000;

/**
 * A migration as one ECS task (SPEC §10): RunTask of a new revision of the
 * service's task definition with the release image, the container's command
 * overridden, in the service's network configuration; followed until it
 * stops. Exit code 0 succeeds; anything else fails with ECS's reason. Never a
 * second task: a task started for this run (startedBy) is followed instead,
 * and RunTask's client token makes a repeated start return the same task.
 */
export async function runEcsMigration(target: EcsMigrationTarget, deps: { ecs: EcsPort; clock: Clock; signal?: AbortSignal }, onProgress: (line: string) => void): Promise<EcsMigrationOutcome> {
  const { ecs, clock } = deps;
  const service = await ecs.describeService(target.cluster, target.service);
  if (!service) return failed(target.runName, 'ServiceNotFound', `ECS service ${target.service} not found in cluster ${target.cluster}: no task was started`);
  let task = await startedEarlier(ecs, target);
  if (task) onProgress(`Found the migration task ${idOf(task)} started before a restart`);
  else {
    const definition = await ecs.registerWithImage(service.taskDefinition, target.container, target.image);
    task = await ecs.runTask({
      cluster: target.cluster,
      taskDefinition: definition.taskDefinitionArn,
      container: target.container,
      command: target.command,
      ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
      ...(service.capacityProviderStrategy?.length ? { capacityProviderStrategy: service.capacityProviderStrategy } : service.launchType ? { launchType: service.launchType } : {}),
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      startedBy: target.runName,
      clientToken: target.runName,
    });
    onProgress(`Started the migration task ${idOf(task)} (${definition.family}:${definition.revision})`);
  }
  const deadline = clock.now().getTime() + (target.timeoutMinutes * 60 + 60) * 1000;
  let last: string | undefined;
  for (;;) {
    deps.signal?.throwIfAborted();
    const [now] = await ecs.describeTasks(target.cluster, [task.taskArn]);
    if (!now) return failed(idOf(task), 'TaskGone', `ECS no longer knows the task ${idOf(task)}`);
    task = now;
    if (task.lastStatus === 'STOPPED') return outcomeOf(task, target.container);
    const line = `Migration task ${idOf(task)}: ${task.lastStatus.toLowerCase()}`;
    if (line !== last) onProgress((last = line));
    if (clock.now().getTime() >= deadline) {
      return failed(idOf(task), 'DeadlineExceeded', `the migration task ${idOf(task)} ran past its ${target.timeoutMinutes}-minute limit and was left running: stop it in ECS if it is stuck`);
    }
    await clock.sleep(target.pollMs ?? DEFAULT_POLL_MS, deps.signal);
  }
}

async function startedEarlier(ecs: EcsPort, target: EcsMigrationTarget): Promise<EcsTask | undefined> {
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    const [found] = await ecs.listTasks(target.cluster, { startedBy: target.runName, desiredStatus });
    if (found) return found;
  }
  return undefined;
}

function outcomeOf(task: EcsTask, container: string): EcsMigrationOutcome {
  const main = task.containers.find((c) => c.name === container) ?? task.containers[0];
  const id = idOf(task);
  if (main?.exitCode === 0) return { kind: 'succeeded', jobName: id, message: `the task ${id} exited with code 0` };
  const why = [task.stoppedReason, main?.reason].filter(Boolean).join('; ');
  const reason = main?.exitCode !== undefined ? 'NonZeroExitCode' : (task.stopCode ?? 'TaskStopped');
  const exited = main?.exitCode !== undefined ? `container ${main.name} exited with code ${main.exitCode}` : 'it stopped before its container ran';
  return failed(id, reason, `${exited}${why ? ` (${why})` : ''}; its log is in the container's log configuration (CloudWatch Logs)`);
}

const failed = (jobName: string, reason: string, message: string): EcsMigrationOutcome => ({ kind: 'failed', jobName, reason, message, logTail: [] });
const idOf = (task: Pick<EcsTask, 'taskArn'>) => task.taskArn.split('/').at(-1) ?? task.taskArn;
