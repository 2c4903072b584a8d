import type { PlaygroundScenarioId } from './playground-scenarios.js';
import { startPlaygroundServer } from './playground-server.js';

export interface PlaygroundIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the person stops it (SIGINT or SIGTERM in the CLI). */
  stopped: Promise<unknown>;
}

/**
 * `shipmate demo --web`: the playground until it is stopped. Prints its URL
 * as its only line; resolves to the exit code (0 after a clean stop, 1 when it
 * could not start).
 */
export async function runPlayground(options: { port: number; scenario: PlaygroundScenarioId }, io: PlaygroundIo): Promise<number> {
  let server;
  try {
    server = await startPlaygroundServer(options);
  } catch (error) {
    io.stderr(`shipmate demo --web: ${firstLine(error)}\n`);
    return 1;
  }
  io.stdout(`shipmate playground: ${server.url}\n`);
  await io.stopped;
  await server.close();
  return 0;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? '';
}
