/** How CodeBuild's quota names spell an environment type: "Concurrently running builds for <Platform>/<Size> environment". */
const PLATFORM_LABELS: Record<string, string> = {
  LINUX_CONTAINER: 'Linux',
  ARM_CONTAINER: 'ARM',
  LINUX_GPU_CONTAINER: 'Linux GPU',
  WINDOWS_SERVER_2019_CONTAINER: 'Windows Server 2019',
  WINDOWS_SERVER_2022_CONTAINER: 'Windows Server 2022',
  WINDOWS_CONTAINER: 'Windows',
  LINUX_LAMBDA_CONTAINER: 'Linux Lambda',
  ARM_LAMBDA_CONTAINER: 'ARM Lambda',
  MAC_ARM: 'macOS',
};

const SIZE_LABELS: Record<string, string> = {
  SMALL: 'Small',
  MEDIUM: 'Medium',
  LARGE: 'Large',
  XLARGE: 'XLarge',
  '2XLARGE': '2XLarge',
};

export interface QuotaEnvironment {
  platform: string;
  size: string;
}

/** The Platform/Size pair of the quota that governs builds of this environment and compute type. */
export function quotaEnvironment(environmentType: string, computeType: string): QuotaEnvironment {
  return { platform: PLATFORM_LABELS[environmentType] ?? environmentType, size: sizeLabel(computeType) };
}

function sizeLabel(computeType: string): string {
  const general = /^BUILD_GENERAL\d+_(\w+)$/.exec(computeType);
  if (general) return SIZE_LABELS[general[1]!] ?? general[1]!;
  const lambda = /^BUILD_LAMBDA_(\d+GB)$/.exec(computeType);
  if (lambda) return lambda[1]!;
  return computeType;
}
