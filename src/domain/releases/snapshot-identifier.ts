/** RDS's longest DB snapshot identifier. */
export const SNAPSHOT_IDENTIFIER_MAX = 255;

/** Lower-case letters and digits, every other run of characters one hyphen, none at either end. */
const identifierPart = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The snapshot a release takes before its migration:
 * "shipmate-<environment>-<version, dots as hyphens>-<request id>", within
 * RDS's rules (letters, digits and hyphens; a letter first; no trailing or
 * doubled hyphen; at most 255) and under the `shipmate-*` prefix the IAM
 * policy allows. The same request always gives the same identifier, so a
 * resumed release finds the snapshot it started. Past 255 characters the
 * version is cut, never the request id that makes it unique.
 */
export function snapshotIdentifier(environment: string, version: string, requestId: string): string {
  const tail = identifierPart(requestId);
  const head = ['shipmate', identifierPart(environment), identifierPart(version)].filter((p) => p !== '').join('-');
  const room = SNAPSHOT_IDENTIFIER_MAX - (tail === '' ? 0 : tail.length + 1);
  // Parts are trimmed and squeezed, so a cut leaves at most one hyphen at its end.
  const cut = head.slice(0, room).replace(/-$/, '');
  return tail === '' ? cut : `${cut}-${tail}`;
}
