import { escapeHtml } from './escape-html.js';

/**
 * The shortcodes shipmate's messages use (grep src for ':[a-z_]+:'), and a few
 * common ones, as Slack draws them. An unknown shortcode (a custom emoji, a
 * typo, part of an ARN) is shown as typed, as Slack does.
 */
const EMOJI: Readonly<Record<string, string>> = {
  alarm_clock: '⏰',
  arrow_forward: '▶️',
  arrow_right: '➡️',
  arrows_counterclockwise: '🔄',
  ballot_box_with_check: '☑️',
  bar_chart: '📊',
  black_square_for_stop: '⏹️',
  bust_in_silhouette: '👤',
  calendar: '📆',
  chart_with_downwards_trend: '📉',
  chart_with_upwards_trend: '📈',
  construction: '🚧',
  eyes: '👀',
  exclamation: '❗',
  fast_forward: '⏩',
  floppy_disk: '💾',
  gear: '⚙️',
  grey_exclamation: '❕',
  grey_question: '❔',
  hammer_and_wrench: '🛠️',
  heavy_check_mark: '✔️',
  heavy_minus_sign: '➖',
  heavy_multiplication_x: '✖️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  large_blue_circle: '🔵',
  large_green_circle: '🟢',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  leftwards_arrow_with_hook: '↩️',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  newspaper: '📰',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  octagonal_sign: '🛑',
  package: '📦',
  question: '❓',
  red_circle: '🔴',
  repeat: '🔁',
  rocket: '🚀',
  rotating_light: '🚨',
  shield: '🛡️',
  snowflake: '❄️',
  stopwatch: '⏱️',
  tada: '🎉',
  test_tube: '🧪',
  thumbsdown: '👎',
  '-1': '👎',
  thumbsup: '👍',
  '+1': '👍',
  track_next: '⏭️',
  unlock: '🔓',
  warning: '⚠️',
  wastebasket: '🗑️',
  wave: '👋',
  white_check_mark: '✅',
  white_circle: '⚪',
  white_square: '⬜',
  x: '❌',
};

/** The emoji a shortcode name (without colons) stands for, or undefined for one Slack would show as typed. */
export function emojiFor(name: string): string | undefined {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
}

/** A known emoji as HTML, its shortcode kept as the tooltip and accessible name. */
export function emojiHtml(name: string, emoji: string): string {
  const shortcode = escapeHtml(`:${name}:`);
  return `<span class="sk-emoji" role="img" aria-label="${shortcode}" title="${shortcode}">${escapeHtml(emoji)}</span>`;
}
