import type { BuildIdPage, BuildSummary, CodeBuildPort, StartBuildInput } from '../../../src/ports/codebuild.port.js';
import type { Clock } from '../../../src/ports/clock.port.js';

/** Documented: an idempotency token "is valid for 5 minutes". */
const TOKEN_VALID_MS = 5 * 60_000;
const IDS_PER_PAGE = 100;

/**
 * CodeBuild as strict as the real one where resuming a start matters: a
 * repeated idempotency token answers the first build only within five minutes
 * of it (on `clock`), builds carry the run id they were started with, and
 * ListBuildsForProject pages 100 ids at a time, newest first.
 */
export class PagedCodeBuild implements Pick<CodeBuildPort, 'startBuild' | 'getBuilds' | 'listBuildIds'> {
  /** Newest last. */
  readonly builds: BuildSummary[] = [];
  readonly tokens = new Map<string, { buildId: string; at: number }>();
  readonly calls = { startBuild: 0, listBuildIds: 0, getBuilds: 0 };

  constructor(private readonly clock: Clock) {}

  /** Builds started by others (or by shipmate for other runs), `count` of them, the newest started `newestAt`, each `apartMs` after the one before. */
  addOthers(projectName: string, count: number, newestAt: Date, apartMs = 60_000): void {
    for (let i = count - 1; i >= 0; i--) {
      this.builds.push({ id: `${projectName}:other-${this.builds.length}`, projectName, status: 'SUCCEEDED', startTime: new Date(newestAt.getTime() - i * apartMs) });
    }
  }

  add(build: BuildSummary): void {
    this.builds.push(build);
  }

  async startBuild(input: StartBuildInput): Promise<BuildSummary> {
    this.calls.startBuild++;
    const now = this.clock.now().getTime();
    const earlier = this.tokens.get(input.idempotencyToken);
    if (earlier && now - earlier.at < TOKEN_VALID_MS) return this.builds.find((b) => b.id === earlier.buildId)!;
    const build: BuildSummary = {
      id: `${input.projectName}:${this.builds.length}`,
      projectName: input.projectName,
      status: 'IN_PROGRESS',
      currentPhase: 'SUBMITTED',
      startTime: new Date(now),
      runId: input.runId,
    };
    this.builds.push(build);
    this.tokens.set(input.idempotencyToken, { buildId: build.id, at: now });
    return build;
  }

  async listBuildIds(projectName: string, nextToken?: string): Promise<BuildIdPage> {
    this.calls.listBuildIds++;
    const ids = this.builds.filter((b) => b.projectName === projectName).reverse().map((b) => b.id);
    const offset = nextToken ? Number(nextToken) : 0;
    const end = offset + IDS_PER_PAGE;
    return { ids: ids.slice(offset, end), ...(end < ids.length ? { nextToken: String(end) } : {}) };
  }

  async getBuilds(ids: readonly string[]): Promise<BuildSummary[]> {
    this.calls.getBuilds++;
    return ids.map((id) => this.builds.find((b) => b.id === id)).filter((b): b is BuildSummary => b !== undefined);
  }

  startedFor(runId: string): BuildSummary[] {
    return this.builds.filter((b) => b.runId === runId);
  }
}
