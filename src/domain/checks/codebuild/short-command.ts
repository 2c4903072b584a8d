/** A buildspec command squeezed onto one short line for a finding. */
export function shortCommand(command: string, max = 90): string {
  const line = command.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
