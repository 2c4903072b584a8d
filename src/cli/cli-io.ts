import type { ShipmateConfig } from '../config/schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  /** Progress (checks done/total) goes to stderr only when it is a terminal. */
  stderrIsTty?: boolean;
  /** The terminal's width; the terminal report wraps at 80 when unknown. */
  columns?: number;
  /** The real adapters in production (loaded before the checks run); tests may pass in-memory ones. */
  portsFor: (config: ShipmateConfig, environment: string) => ReadinessPorts | Promise<ReadinessPorts>;
  /** Starts the Slack bot; resolves once it is connected or listening. */
  startBot: (config: ShipmateConfig, env: NodeJS.ProcessEnv) => Promise<unknown>;
  version: string;
}
