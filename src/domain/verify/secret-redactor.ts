import { redact as redactCredentialShapes } from '../../config/redact.js';
import { REDACTED } from './smoke-test-result.js';

/** Secrets shorter than this are not redacted by value: "1" would blank every digit. */
const MIN_SECRET_LENGTH = 4;

/** Header names whose values are credentials whatever they look like. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|.*(token|secret|key|password).*)$/i;

/**
 * Remembers secret values as they appear (tokens, credential headers) and blanks them out of any text, with the
 * credential shapes the logs scrub too (a password in a URL, ?token=…, a Slack or AWS key), so no result holds one.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(value: string): void {
    if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  addCredentialHeaders(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (!SECRET_HEADER.test(name)) continue;
      this.add(value);
      // "Bearer abc…": the credential alone may be echoed back too.
      const credential = value.split(/\s+/).pop();
      if (credential && credential !== value) this.add(credential);
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    return redactCredentialShapes(out);
  }
}
