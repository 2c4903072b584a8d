import { readinessCommand } from './readiness.js';

/** Every command shipmate offers; adding one here adds it to Slack, the CLI, help and the manifest test. */
export const commands = [readinessCommand] as const;
