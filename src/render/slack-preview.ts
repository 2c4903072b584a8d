import type { Block, Button, SectionBlock, TextObject } from '../adapters/slack/blocks/block-kit.js';
import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';
import { painter, type Painter } from './slack-preview/ansi-style.js';
import { displayWidth } from './slack-preview/display-width.js';
import { replaceEmoji } from './slack-preview/emoji.js';
import { mrkdwnToTerminal } from './slack-preview/mrkdwn-to-terminal.js';
import { wrapLines } from './slack-preview/wrap-lines.js';

export interface SlackPreviewStyle {
  color: boolean;
  /** Columns of the whole card, borders included; 80 when not given. */
  width?: number;
}

const COLUMN_GAP = 2;

/**
 * A message as it would look in Slack, drawn as a bordered card for a
 * terminal (npm run demo): the header in bold, mrkdwn rendered, fields in two
 * columns, context lines dimmed, buttons as [ Approve ] [ Reject ].
 */
export function previewSlackMessage(message: SlackMessage, style: SlackPreviewStyle): string {
  const width = Math.max(24, style.width ?? 80);
  const inner = width - 4;
  const paint = painter(style.color);
  const blocks: Block[] = message.blocks.length > 0 ? message.blocks : [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }];
  const body: string[] = [];
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (previous && block.type !== 'divider' && previous.type !== 'divider') body.push('');
    body.push(...blockLines(block, inner, style.color));
  });
  const border = (text: string) => paint('grey', text);
  return [
    border(`╭${'─'.repeat(width - 2)}╮`),
    ...body.map((line) => `${border('│')} ${line}${' '.repeat(Math.max(0, inner - displayWidth(line)))} ${border('│')}`),
    border(`╰${'─'.repeat(width - 2)}╯`),
  ].join('\n') + '\n';
}

function blockLines(block: Block, width: number, color: boolean): string[] {
  const paint = painter(color);
  switch (block.type) {
    case 'header':
      return wrapLines(paint('bold', plain(block.text)), width);
    case 'divider':
      return [painter(color)('grey', '─'.repeat(width))];
    case 'section':
      return sectionLines(block, width, paint);
    case 'context': {
      const dim = painter(color, color ? '\x1b[2m' : '');
      const text = block.elements.map((element) => render(element, dim)).join('   ');
      return wrapLines(paint('dim', text), width);
    }
    case 'actions':
      return wrapLines(block.elements.map((b) => buttonLabel(b, paint)).join('  '), width);
  }
}

function sectionLines(block: SectionBlock, width: number, paint: Painter): string[] {
  const lines = block.text ? wrapLines(render(block.text, paint), width) : [];
  const fields = block.fields ?? [];
  const columnWidth = Math.floor((width - COLUMN_GAP) / 2);
  for (let i = 0; i < fields.length; i += 2) {
    if (lines.length > 0) lines.push('');
    const left = wrapLines(render(fields[i]!, paint), columnWidth);
    const right = fields[i + 1] ? wrapLines(render(fields[i + 1]!, paint), columnWidth) : [];
    for (let row = 0; row < Math.max(left.length, right.length); row++) {
      const cell = left[row] ?? '';
      const pad = ' '.repeat(Math.max(0, columnWidth - displayWidth(cell)) + COLUMN_GAP);
      lines.push(right[row] === undefined ? cell : `${cell}${pad}${right[row]}`);
    }
  }
  if (block.accessory) lines.push(buttonLabel(block.accessory, paint));
  return lines;
}

function render(text: TextObject, paint: Painter): string {
  return text.type === 'mrkdwn' ? mrkdwnToTerminal(text.text, paint) : plain(text);
}

function plain(text: TextObject): string {
  return text.type === 'plain_text' && text.emoji === false ? text.text : replaceEmoji(text.text);
}

function buttonLabel(button: Button, paint: Painter): string {
  const label = `[ ${plain(button.text)} ]`;
  if (button.style === 'primary') return paint('green', paint('bold', label));
  if (button.style === 'danger') return paint('red', paint('bold', label));
  return paint('bold', label);
}
