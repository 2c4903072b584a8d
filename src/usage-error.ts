/** Bad input from a user (unknown environment, malformed version, unknown flag); shown as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
