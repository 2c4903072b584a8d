import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMrkdwn } from '../../../../src/playground/render/render-blocks.js';
import { ctx } from './render-test-support.js';

/** Where shipmate writes the texts it posts. */
const MESSAGE_FOLDERS = ['adapters/slack', 'app', 'bot', 'domain'].map((folder) => join(import.meta.dirname, '../../../../src', folder));
/** A shortcode standing in a string, between a quote, backtick, space or brace and a space or quote. */
const SHORTCODE_IN_TEXT = /(?<=[`'" {]):([a-z0-9_]+):(?=[ `'"])/g;

function tsFilesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The shortcodes shipmate's messages use, comments left out. */
function shortcodesShipmateUses(): string[] {
  const found = new Set<string>();
  for (const file of MESSAGE_FOLDERS.flatMap(tsFilesUnder)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(?:\*|\/\/|\/\*)/.test(line)) continue;
      for (const match of line.matchAll(SHORTCODE_IN_TEXT)) found.add(match[1]!);
    }
  }
  return [...found].sort();
}

describe('the emoji table covers shipmate’s messages', () => {
  const used = shortcodesShipmateUses();

  it('given shipmate’s sources, when scanned, then the shortcodes its messages use are found', () => {
    // then
    expect(used).toEqual(expect.arrayContaining(['x', 'white_check_mark', 'hourglass_flowing_sand', 'warning', 'leftwards_arrow_with_hook', 'lock']));
    expect(used.length).toBeGreaterThanOrEqual(30);
  });

  it('given every shortcode shipmate uses, when rendered, then each is an emoji, none left as typed', () => {
    // when
    const leftAsTyped = used.filter((name) => !renderMrkdwn(`:${name}:`, ctx).startsWith('<span class="sk-emoji"'));

    // then
    expect(leftAsTyped).toEqual([]);
  });
});
