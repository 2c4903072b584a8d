/** Fake AWS credentials the sandbox accepts. Distinctive, so redaction of them never blanks ordinary words. */
export const SANDBOX_AWS_CREDENTIALS = {
  accessKeyId: 'SANDBOXFAKEACCESSKEY',
  secretAccessKey: 'sandbox-fake-secret-access-key',
} as const;
