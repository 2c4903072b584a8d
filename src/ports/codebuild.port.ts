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
}

export interface StartBuildInput {
  projectName: string;
  sourceVersion: string;
  /** Plain-text environment variable overrides, e.g. { VERSION: '1.1.0' }. */
  environmentVariables: Record<string, string>;
  /** CodeBuild returns the same build for a repeated token, so a retried start after a crash starts nothing new. */
  idempotencyToken: string;
}

export interface CodeBuildPort {
  /** undefined when the project does not exist. */
  getProject(name: string): Promise<CodeBuildProject | undefined>;
  /** The most recent build of the project, undefined when it has none. */
  lastBuild(projectName: string): Promise<BuildSummary | undefined>;
  /** Builds of the whole account that are IN_PROGRESS, looked up among the most recent builds. */
  buildsInProgress(): Promise<BuildSummary[]>;
  /** StartBuild. An account or project concurrency limit throws PortError('limit_exceeded') quoting CodeBuild. */
  startBuild(input: StartBuildInput): Promise<BuildSummary>;
  /** StopBuild; the build then ends as STOPPED. */
  stopBuild(id: string): Promise<BuildSummary>;
  /** BatchGetBuilds for all ids in as few calls as possible (100 per call); unknown ids are left out. */
  getBuilds(ids: readonly string[]): Promise<BuildSummary[]>;
}
