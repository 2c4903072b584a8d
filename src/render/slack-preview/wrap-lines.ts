import { ANSI_RESET } from './ansi-style.js';
import { displayWidth } from './display-width.js';

const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Wraps (possibly ANSI-styled) text to `width` columns: at spaces where it
 * can, inside a word when one is wider than the line. A paragraph's leading
 * spaces indent its continuation lines too. Styles open at a line break are
 * closed at the end of the line and re-opened on the next, so borders drawn
 * around the lines stay unstyled.
 */
export function wrapLines(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, Math.max(1, width)));
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const indent = /^ */.exec(paragraph)![0].slice(0, Math.floor(width / 2));
  const words = paragraph.trimStart().split(' ');
  const lines: string[] = [];
  let styles = '';
  let line = indent;
  const lineWidth = () => displayWidth(line);
  const breakLine = () => {
    styles += (line.slice(indent.length + styles.length).match(SGR) ?? []).join('');
    lines.push(line.includes('\x1b[') ? `${line}${ANSI_RESET}` : line);
    line = indent + styles;
  };
  for (const word of words) {
    const gap = lineWidth() > indent.length ? ' ' : '';
    if (lineWidth() + gap.length + displayWidth(word) <= width) {
      line += gap + word;
      continue;
    }
    if (lineWidth() > indent.length) breakLine();
    for (const piece of splitToWidth(word, width - indent.length)) {
      if (lineWidth() > indent.length) breakLine();
      line += piece;
    }
  }
  lines.push(line);
  return lines;
}

/** Cuts one word into pieces no wider than `width`, never inside an ANSI code. */
function splitToWidth(word: string, width: number): string[] {
  if (displayWidth(word) <= width) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const token of word.split(/(\x1b\[[0-9;]*m)/).flatMap((t) => (t.startsWith('\x1b[') ? [t] : [...t]))) {
    if (!token.startsWith('\x1b[') && displayWidth(piece + token) > width && displayWidth(piece) > 0) {
      pieces.push(piece);
      piece = '';
    }
    piece += token;
  }
  pieces.push(piece);
  return pieces;
}
