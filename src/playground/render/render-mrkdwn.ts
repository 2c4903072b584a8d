import { slackTextToHtml } from './escape-html.js';
import { renderMrkdwnLine, type MrkdwnOptions } from './mrkdwn-inline.js';
import type { RenderContext } from './render-context.js';

const PRE_BLOCK = /```([\s\S]*?)```/;

/**
 * Slack mrkdwn as HTML, every piece of text escaped: ```preformatted```
 * blocks, `>` quoted lines (`>>>` quotes the rest), newlines as <br>, and
 * within lines what renderMrkdwnLine draws. `&gt;` at a line start is an
 * escaped `>` and stays text, as in Slack.
 */
export function renderMrkdwn(text: string, ctx: RenderContext, options: MrkdwnOptions = {}): string {
  const parts = text.split(PRE_BLOCK);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return `<pre class="sk-pre">${slackTextToHtml(part.replace(/^\n/, '').replace(/\n$/, ''))}</pre>`;
      // A newline next to a preformatted block only ends or starts its line.
      const prose = index > 0 ? part.replace(/^\n/, '') : part;
      return renderProse(index < parts.length - 1 ? prose.replace(/\n$/, '') : prose, ctx, options);
    })
    .join('');
}

interface LineGroup {
  quoted: boolean;
  lines: string[];
}

function renderProse(text: string, ctx: RenderContext, options: MrkdwnOptions): string {
  return groupQuotedLines(text)
    .map((group) => {
      const html = group.lines.map((line) => renderMrkdwnLine(line, ctx, options)).join('<br>');
      return group.quoted ? `<blockquote class="sk-quote">${html}</blockquote>` : html;
    })
    .join(''); // groups alternate, and a blockquote already starts and ends its own line
}

/** Consecutive lines grouped by whether they are quoted; `>` and one space after it are dropped. */
function groupQuotedLines(text: string): LineGroup[] {
  const groups: LineGroup[] = [];
  let restQuoted = false;
  for (const line of text.split('\n')) {
    let quoted: boolean = restQuoted;
    let shown = line;
    if (!restQuoted && line.startsWith('>>>')) {
      restQuoted = quoted = true;
      shown = line.slice(3).replace(/^ /, '');
    } else if (!restQuoted && line.startsWith('>')) {
      quoted = true;
      shown = line.slice(1).replace(/^ /, '');
    }
    const last = groups[groups.length - 1];
    if (last && last.quoted === quoted) last.lines.push(shown);
    else groups.push({ quoted, lines: [shown] });
  }
  return groups;
}
