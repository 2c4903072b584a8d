import type { Verdict } from '../../../../domain/readiness/report.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';

/** Small mrkdwn pieces the App Home's sections share; every input is raw text. */

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export const VERDICT_TEXT: Record<Verdict, string> = {
  ready: ':white_check_mark: ready',
  'at-risk': ':warning: at risk',
  blocked: ':no_entry: blocked',
};

/** `<@U0ALICE>` for a Slack user id, the escaped name otherwise (e.g. "shipmate" for automatic locks). */
export function person(idOrName: string): string {
  return SLACK_USER_ID.test(idOrName) ? `<@${idOrName}>` : inline(idOrName);
}

/** A `code span` that no backtick or newline in the text can break out of. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[`\r\n]/g, "'");
  return clean === '' ? '' : escapeMrkdwn(`\`${clean}\``);
}

/** `sha256:0123456789ab`: the algorithm and the first 12 hex digits, enough to tell images apart. */
export function shortDigest(digest: string): string {
  const match = /^([a-z0-9]+):([0-9a-f]{12})[0-9a-f]*$/i.exec(digest);
  return match ? `${match[1]}:${match[2]}` : digest.slice(0, 24);
}

/** "2026-11-20 14:02 UTC". */
export function utcMinute(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Escaped text outside code: a stray backtick becomes ' so it cannot pair with a later code span. */
export const inline = (text: string): string => escapeMrkdwn(text.replace(/`/g, "'"));

export const bold = (text: string): string => `*${inline(text)}*`;
