const REDACTED = '[redacted]';

/** Shapes of credentials that must never reach a terminal, a log or a chat message, each with what replaces it. */
const TOKEN_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/xox[abposre]-[0-9A-Za-z-]{6,}/g, REDACTED], // Slack bot / user / config / refresh tokens
  [/xapp-\d-[0-9A-Za-z-]{6,}/g, REDACTED], // Slack app-level tokens
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED], // AWS access key ids
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  // Credentials in a URL: the password of https://user:password@host/, and the token of https://token@host/.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@<>"':]+:)[^\s/?#@<>"']+@/gi, `$1${REDACTED}@`],
  [/(\bhttps?:\/\/)[^\s/?#@<>"':]+@/gi, `$1${REDACTED}@`],
  // Secret-looking query parameters: ?token=…, &api_key=…, X-Amz-Signature=…, sig=….
  [
    /([?&;][\w.-]*(?:token|key|secret|password|passwd|pwd|sig|signature|credential|auth)[\w.-]*=)[^&#\s<>"']+/gi,
    `$1${REDACTED}`,
  ],
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
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
