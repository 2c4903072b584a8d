import { ActionRunner, type ActionRunnerOptions } from '../action-runner.js';
import type { ReleaseDeps } from './release-deps.js';
import { continueRelease, recordReleaseRun } from './run-release.js';

/** Who follows which release (see ActionRunner): only the leading replica runs stages. */
export class ReleaseRunner extends ActionRunner<ReleaseDeps> {
  constructor(deps: ReleaseDeps, options: ActionRunnerOptions) {
    super(deps, { kind: 'release', record: recordReleaseRun, resume: continueRelease }, options);
  }
}
