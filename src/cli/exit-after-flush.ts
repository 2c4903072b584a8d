/**
 * Ends the process once everything written to stdout and stderr has been handed on. A finished
 * command must not wait for sockets it no longer needs: a health URL that never answers, an AWS or
 * Kubernetes request cut short by the check timeout, keep-alive connections.
 */
export async function exitAfterFlush(code: number, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): Promise<never> {
  // A write's callback runs after every earlier write to that stream has gone out.
  await Promise.all(streams.map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}
