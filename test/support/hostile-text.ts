/**
 * Free text an attacker (or an unlucky cluster) could put in front of shipmate,
 * and the check that nothing of it is live in what Slack was sent.
 */
export const HOSTILE_STRINGS: readonly (readonly [label: string, text: string])[] = [
  ['channel mention', '<!channel> deploy now'],
  ['here mention', 'ping <!here>'],
  ['everyone mention', '<!everyone>'],
  ['user mention', 'ask <@U0BOB>'],
  ['channel link', 'see <#C0RELEASES>'],
  ['user group', '<!subteam^S0ADMINS> look'],
  ['disguised link', '<https://evil.example|https://looks-internal.example>'],
  ['mailto link', '<mailto:x@evil|x>'],
  ['formatting', '*bold* _it_ ~s~ `code`'],
  ['control characters', `a${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\u007f\u202eb`],
  ['5,000 characters', `${'x'.repeat(2500)}<!channel>${'y'.repeat(2490)}`],
  ['Slack token', 'leaked xoxb-1234567890-abcdefABCDEF here'],
];

/** The token shape above: it must never reach Slack. */
export const HOSTILE_TOKEN = 'xoxb-1234567890-abcdefABCDEF';

/** C0 controls but newline, DEL, C1 controls and the bidirectional overrides. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * What makes mrkdwn live, if present: a special mention, a channel, a link, or
 * a user mention of anyone but `allowedUsers`. Returns the offending pieces.
 */
export function liveMarkupIn(text: string, allowedUsers: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/<([^<>]*)>?/g)) {
    const user = /^@([UW][A-Z0-9]+)$/.exec(match[1] ?? '');
    if (user && allowedUsers.has(user[1]!) && match[0].endsWith('>')) continue;
    found.push(match[0].slice(0, 60));
  }
  const control = CONTROL.exec(text);
  if (control) found.push(`control U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.includes(HOSTILE_TOKEN)) found.push('token');
  return found;
}

/** Every string in a payload (texts of messages, blocks, fields, elements, views, acks). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}
