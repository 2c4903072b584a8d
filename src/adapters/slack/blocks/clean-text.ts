import { redact, secretValues } from '../../../config/redact.js';

/**
 * C0 and C1 control characters (a newline and a tab are kept as layout) and
 * the invisible direction marks and overrides (U+202E turns "gpj.exe" into
 * "exe.jpg"), which Slack would show or obey as they are.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

let processSecrets: readonly string[] | undefined;

/** Secret values of this process's environment, read once: what the logs scrub, Slack never shows either. */
function secretsOfThisProcess(): readonly string[] {
  processSecrets ??= secretValues(process.env);
  return processSecrets;
}

/** Free text as it may be shown in Slack: credentials redacted like the logs', control characters gone, tabs as spaces. */
export function cleanText(text: string): string {
  return redact(text, secretsOfThisProcess()).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '');
}
