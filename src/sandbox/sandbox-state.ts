import { SlackWorkspace } from './slack/slack-workspace.js';
import type { World } from './world.js';

export interface RecordedCall {
  /** codebuild, ecr, quotas, kubernetes, http */
  system: string;
  /** AWS operation name (BatchGetProjects) or Kubernetes verb and path (GET /apis/apps/v1/...). */
  operation: string;
  at: number;
}

/** The sandbox's mutable state: the world it serves and a log of every call it answered. */
export class SandboxState {
  readonly calls: RecordedCall[] = [];
  /** The Slack side: what the bot posted, and the means to send it slash commands. */
  readonly slack: SlackWorkspace;

  constructor(public world: World) {
    this.slack = new SlackWorkspace(world.slack);
  }

  record(system: string, operation: string): void {
    this.calls.push({ system, operation, at: Date.now() });
  }

  callsTo(system: string): RecordedCall[] {
    return this.calls.filter((c) => c.system === system);
  }

  isDenied(action: string): boolean {
    return this.world.faults?.deny?.includes(action) ?? false;
  }

  isThrottled(action: string): boolean {
    return this.world.faults?.throttle?.includes(action) ?? false;
  }
}
