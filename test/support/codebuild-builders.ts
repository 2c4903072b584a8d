import type { CheckContext } from '../../src/domain/checks/check.js';
import type { ServiceTarget } from '../../src/domain/readiness/service-target.js';
import type { BuildSummary, CodeBuildProject } from '../../src/ports/codebuild.port.js';
import type { ServiceQuota } from '../../src/ports/quotas.port.js';
import { checkContext } from './fake-ports.js';

type PortOverrides = NonNullable<NonNullable<Parameters<typeof checkContext>[0]>['ports']>;

/** An inline buildspec whose phases run the given commands (pre_build and build). */
export function inlineBuildspec(build: string[], preBuild: string[] = []): string {
  const list = (commands: string[]) => commands.map((c) => `        - ${JSON.stringify(c)}`).join('\n');
  return [
    'version: 0.2',
    'phases:',
    ...(preBuild.length ? ['  pre_build:', '    commands:', list(preBuild)] : []),
    '  build:',
    '    commands:',
    list(build),
  ].join('\n');
}

/** The sandbox's healthy buildspec: version from $VERSION with a webhook fallback, multi-platform push. */
export const HEALTHY_BUILDSPEC = inlineBuildspec(
  ['docker buildx build --platform linux/amd64,linux/arm64 -t $IMAGE_REPO:$VERSION --push .'],
  [
    'aws ecr get-login-password | docker login --username AWS --password-stdin $REGISTRY',
    'VERSION=${VERSION:-${CODEBUILD_WEBHOOK_TRIGGER#tag/}}',
  ],
);

export function aProject(overrides: Partial<CodeBuildProject> = {}): CodeBuildProject {
  return {
    name: 'backend-build',
    environmentType: 'LINUX_CONTAINER',
    computeType: 'BUILD_GENERAL1_SMALL',
    privilegedMode: true,
    buildspec: HEALTHY_BUILDSPEC,
    ...overrides,
  };
}

export function aBuild(overrides: Partial<BuildSummary> = {}): BuildSummary {
  return {
    id: 'backend-build:0b1f6c3e-0000-4000-8000-000000000001',
    projectName: 'backend-build',
    status: 'SUCCEEDED',
    currentPhase: 'COMPLETED',
    sourceVersion: 'refs/tags/v1.1.0',
    startTime: new Date('2026-11-20T09:00:00Z'),
    endTime: new Date('2026-11-20T09:06:30Z'),
    ...overrides,
  };
}

export function aRunningBuild(n: number, overrides: Partial<BuildSummary> = {}): BuildSummary {
  return aBuild({ id: `other-build:${n}`, projectName: 'other-build', status: 'IN_PROGRESS', currentPhase: 'BUILD', endTime: undefined, ...overrides });
}

export const quota = (name: string, value: number, code = 'L-TEST0001'): ServiceQuota => ({ code, name, value });

/** The quotas ListServiceQuotas returns for codebuild in the healthy sandbox account. */
export function codebuildQuotas(linuxSmall = 20): ServiceQuota[] {
  return [
    quota('Build projects', 5000, 'L-2DC20C30'),
    quota('Concurrently running builds for Linux/Small environment', linuxSmall, 'L-ACCF6C0D'),
    quota('Concurrently running builds for Linux/Medium environment', 20, 'L-4DDC4A99'),
    quota('Concurrently running builds for ARM/Small environment', 1, 'L-9D66F2D6'),
    quota('Concurrently running builds for Linux GPU/Large environment', 0, 'L-3E11F2A4'),
  ];
}

export interface CodeBuildAccount {
  /** The configured project; leave the key in with `undefined` for a project that does not exist. */
  project?: CodeBuildProject | undefined;
  lastBuild?: BuildSummary | undefined;
  inProgress?: BuildSummary[];
  quotas?: ServiceQuota[];
}

/** Ports answering from one account's CodeBuild and quota data. */
export function codebuildPorts(account: CodeBuildAccount = {}): PortOverrides {
  const project = 'project' in account ? account.project : aProject();
  return {
    codebuild: {
      getProject: async () => project,
      lastBuild: async () => ('lastBuild' in account ? account.lastBuild : aBuild()),
      buildsInProgress: async () => account.inProgress ?? [],
    },
    quotas: { listQuotas: async () => account.quotas ?? codebuildQuotas() },
  };
}

export function codebuildContext(
  account: CodeBuildAccount = {},
  options: { target?: Partial<ServiceTarget>; ports?: PortOverrides } = {},
): CheckContext {
  const ports = codebuildPorts(account);
  return checkContext({
    ...(options.target ? { target: options.target } : {}),
    ports: {
      codebuild: { ...ports.codebuild, ...options.ports?.codebuild },
      quotas: { ...ports.quotas, ...options.ports?.quotas },
    },
  });
}


