/** Shapes of credentials that must never reach a terminal, a log or a chat message. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /xox[abposr]-[0-9A-Za-z-]{6,}/g, // Slack bot / user / config tokens
  /xapp-\d-[0-9A-Za-z-]{6,}/g, // Slack app-level tokens
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL/i;

/** Values of environment variables whose names say they are secret; short ones are left out to avoid blanking common words. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string' && value.length >= 6)
    .map(([, value]) => value as string);
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, bearer?: string) => (typeof bearer === 'string' ? `${bearer}[redacted]` : '[redacted]'));
  }
  return out;
}
