import { ActionRunner, type ActionRunnerOptions } from '../action-runner.js';
import { continueDeploy, recordDeployRun, type DeployDeps } from './run-deploy.js';

/** Who follows which deploy (see ActionRunner): only the leading replica follows rollouts. */
export class DeployRunner extends ActionRunner<DeployDeps> {
  constructor(deps: DeployDeps, options: ActionRunnerOptions) {
    super(deps, { kind: 'deploy', record: recordDeployRun, resume: continueDeploy }, options);
  }
}
