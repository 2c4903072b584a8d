import { truncate } from './truncate.js';

/**
 * `truncate` for text that is already mrkdwn: the cut never leaves half an
 * entity (`&am…`) or half a mention or link (`<@U0B…`), and closes a code
 * span it cut open, so the rest of the message is not swallowed into code.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max - 1).slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '').replace(/<[^<>]*$/, '').replace(/\u200b[*_~]?$/, '').trimEnd();
  const openCode = (cut.match(/`/g)?.length ?? 0) % 2 === 1;
  return openCode ? `${cut}…\`` : `${cut}…`;
}
