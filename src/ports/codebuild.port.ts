/** CodeBuild as the domain sees it: plain data, no SDK types. */

export interface CodeBuildProject {
  name: string;
  /** e.g. LINUX_CONTAINER, ARM_CONTAINER, LINUX_GPU_CONTAINER, WINDOWS_SERVER_2019_CONTAINER */
  environmentType: string;
  /** e.g. BUILD_GENERAL1_SMALL, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE, BUILD_GENERAL1_2XLARGE */
  computeType: string;
  privilegedMode: boolean;
  /** The project's own cap on concurrent builds, when set. */
  concurrentBuildLimit?: number;
  /** Inline buildspec text, or a path to a buildspec file in the source when it does not parse as YAML with `phases`. */
  buildspec?: string;
}

export type BuildStatus = 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED';

export interface BuildSummary {
  id: string;
  projectName: string;
  status: BuildStatus;
  currentPhase?: string;
  sourceVersion?: string;
  startTime?: Date;
  endTime?: Date;
  environmentType?: string;
  computeType?: string;
  /** Deep link to the build's logs in the console, when CodeBuild gives one. */
  logsUrl?: string;
  /** The phase whose status was FAILED / FAULT / TIMED_OUT / STOPPED, and CodeBuild's message for it. */
  failedPhase?: string;
  failureMessage?: string;
  /** The commit CodeBuild resolved the source version to (once it fetched the source). */
  resolvedSourceVersion?: string;
  /** The `runId` it was started with (see StartBuildInput), when shipmate started it. */
  runId?: string;
}

/** One page of a project's build ids, newest first. */
export interface BuildIdPage {
  ids: string[];
  /** Absent on the last page. */
  nextToken?: string;
}

export interface StartBuildInput {
  projectName: string;
  sourceVersion: string;
  /** Plain-text environment variable overrides, e.g. { VERSION: '1.1.0' }. */
  environmentVariables: Record<string, string>;
  /** CodeBuild returns the same build for a repeated token within 5 minutes of the first, so a quick retry starts nothing new. */
  idempotencyToken: string;
  /**
   * shipmate's run id, carried by the build (as an environment variable) and
   * read back as BuildSummary.runId: a start resumed after the token's five
   * minutes finds the build by it instead of starting a second one.
   */
  runId: string;
}

export interface CodeBuildPort {
  /** undefined when the project does not exist. */
  getProject(name: string): Promise<CodeBuildProject | undefined>;
  /** The most recent build of the project, undefined when it has none. */
  lastBuild(projectName: string): Promise<BuildSummary | undefined>;
  /** ListBuildsForProject: one page of the project's build ids, newest first; no ids for a project that does not exist. */
  listBuildIds(projectName: string, nextToken?: string): Promise<BuildIdPage>;
  /** Builds of the whole account that are IN_PROGRESS, looked up among the most recent builds. */
  buildsInProgress(): Promise<BuildSummary[]>;
  /** StartBuild. An account or project concurrency limit throws PortError('limit_exceeded') quoting CodeBuild. */
  startBuild(input: StartBuildInput): Promise<BuildSummary>;
  /** StopBuild; the build then ends as STOPPED. */
  stopBuild(id: string): Promise<BuildSummary>;
  /** BatchGetBuilds for all ids in as few calls as possible (100 per call); unknown ids are left out. */
  getBuilds(ids: readonly string[]): Promise<BuildSummary[]>;
}
