/** A timestamp as the AWS JSON protocol sends it: seconds since the epoch, fractions allowed. */
export function epochSeconds(iso: string): number {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new Error(`sandbox world: "${iso}" is not an ISO 8601 timestamp`);
  return millis / 1000;
}
