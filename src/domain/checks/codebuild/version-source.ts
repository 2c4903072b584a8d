/**
 * Where a buildspec takes the release version from:
 * - `override`: it reads $VERSION, the environment override shipmate's /build (and any StartBuild) sends;
 * - `source-version`: CODEBUILD_SOURCE_VERSION / CODEBUILD_RESOLVED_SOURCE_VERSION, set for every build;
 * - `webhook-only`: CODEBUILD_WEBHOOK_TRIGGER alone, which is empty unless a webhook started the build;
 * - `none`: it does not read CODEBUILD_WEBHOOK_TRIGGER at all.
 */
export type VersionSource = 'override' | 'source-version' | 'webhook-only' | 'none';

const WEBHOOK_TRIGGER = /CODEBUILD_WEBHOOK_TRIGGER/;
const SOURCE_VERSION = /CODEBUILD_(?:RESOLVED_)?SOURCE_VERSION/;
const READS_VERSION = /\$\{?VERSION\b/;
const ASSIGNS_VERSION = /(?:^|[\s;&|(])VERSION=/;
const END_OF_ASSIGNMENT = /;|&&|\|\||\n/;

export function versionSource(commands: readonly string[]): VersionSource {
  if (!commands.some((command) => WEBHOOK_TRIGGER.test(command))) return 'none';
  if (commands.some((command) => SOURCE_VERSION.test(command))) return 'source-version';
  // The first command that reads or overwrites VERSION decides whether the override survives.
  for (const command of commands) {
    const effect = effectOnVersion(command);
    if (effect === 'reads') return 'override';
    if (effect === 'overwrites') return 'webhook-only';
  }
  return 'webhook-only';
}

/**
 * `VERSION=${VERSION:-...}` and `[ -z "$VERSION" ] && VERSION=...` read the
 * override; `VERSION=$(... CODEBUILD_WEBHOOK_TRIGGER ...)` overwrites it.
 */
function effectOnVersion(command: string): 'reads' | 'overwrites' | 'neither' {
  const assignment = ASSIGNS_VERSION.exec(command);
  const read = READS_VERSION.exec(command);
  if (!assignment) return read ? 'reads' : 'neither';
  const valueStart = assignment.index + assignment[0].length;
  const rest = command.slice(valueStart);
  const end = END_OF_ASSIGNMENT.exec(rest);
  const value = end ? rest.slice(0, end.index) : rest;
  if (read && read.index < assignment.index) return 'reads';
  return READS_VERSION.test(value) ? 'reads' : 'overwrites';
}
