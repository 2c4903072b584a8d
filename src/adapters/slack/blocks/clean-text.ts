import { redact, secretValues } from '../../../config/redact.js';

/**
 * C0 and C1 control characters (a newline and a tab are kept as layout) and
 * the invisible direction marks and overrides (U+202E turns "gpj.exe" into
 * "exe.jpg"), which Slack would show or obey as they are.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Half a surrogate pair without its other half: not text at all, and
 * @slack/web-api cannot form-encode it (URIError), which its retry policy
 * then retries for half an hour. Shown as U+FFFD, as a UTF-8 decoder would.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

let processSecrets: readonly string[] | undefined;

/** Secret values of this process's environment, read once: what the logs scrub, Slack never shows either. */
function secretsOfThisProcess(): readonly string[] {
  processSecrets ??= secretValues(process.env);
  return processSecrets;
}

/** Free text as it may be shown in Slack: credentials redacted like the logs', control characters gone, tabs as spaces, lone surrogates as U+FFFD. */
export function cleanText(text: string): string {
  return redact(text, secretsOfThisProcess()).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}
