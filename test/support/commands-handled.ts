/**
 * How many `/command`s the bot on `port` has finished handling with outcome
 * ok, read from its Prometheus metrics: counted once the handler has
 * returned, so a test can wait for it instead of sleeping.
 */
export async function commandsHandled(port: number, command: string): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^shipmate_commands_total\\{command="${command}",outcome="ok"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
}
