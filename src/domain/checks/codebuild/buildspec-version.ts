import { fail, pass, type Check } from '../check.js';
import { findInlineBuildspec } from './inline-buildspec.js';
import { versionSource } from './version-source.js';

const PASS_FINDINGS = {
  none: 'does not read CODEBUILD_WEBHOOK_TRIGGER',
  elsewhere: 'reads CODEBUILD_WEBHOOK_TRIGGER but does not tag the images it pushes from it',
  override: 'takes the version from $VERSION, so manual builds and /build keep their tag',
  'git-tag': 'takes the version from the git tag (`git describe`), which manual builds of a tag have too',
  'source-version': 'derives the version from CODEBUILD_SOURCE_VERSION, which every build has',
} as const;

export const buildspecVersionCheck: Check = {
  id: 'codebuild.buildspec-version',
  title: 'Buildspec version works for manual builds',
  severity: 'warn',
  run: async (context) => {
    const { inline, skipped } = await findInlineBuildspec(context);
    if (skipped) return skipped;
    const source = versionSource(inline.commands);
    if (source !== 'webhook-only') return pass(`buildspec of ${inline.project.name} ${PASS_FINDINGS[source]}`);
    return fail(
      `buildspec of ${inline.project.name} derives the version only from CODEBUILD_WEBHOOK_TRIGGER: builds started by hand or by /build (VERSION override) lose their version tag`,
      'derive it in pre_build as `VERSION=${VERSION:-${CODEBUILD_WEBHOOK_TRIGGER#tag/}}` and tag images with `$VERSION`',
    );
  },
};
