import { buildCommand } from './build.js';
import { deployCommand } from './deploy.js';
import { verifyCommand } from './verify.js';
import { releaseCommand } from './release.js';
import { readinessCommand } from './readiness.js';
import { shipmateCommand } from './shipmate.js';

/** Every command shipmate offers; adding one here adds it to Slack, the CLI, help and the manifest test. */
export const commands = [readinessCommand, buildCommand, deployCommand, releaseCommand, verifyCommand, shipmateCommand] as const;

export type CommandName = (typeof commands)[number]['name'];
