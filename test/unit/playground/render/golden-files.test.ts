import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../../src/playground/render/render-blocks.js';
import { ctx, expectEveryTextVisible, expectInertHtml, visibleText } from './render-test-support.js';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/golden');
const goldenFiles = readdirSync(GOLDEN).filter((name) => name.endsWith('.json')).sort();

interface GoldenBlock {
  type: string;
  elements?: { confirm?: unknown }[];
}

const load = (name: string): { text: string; blocks: GoldenBlock[] } => JSON.parse(readFileSync(join(GOLDEN, name), 'utf8'));

describe('renderBlocks on the golden Block Kit files', () => {
  it('given the golden folder, when listed, then it holds the files the issue names (approval, build, promote and readiness cards)', () => {
    // then
    expect(goldenFiles.length).toBeGreaterThanOrEqual(13);
    expect(goldenFiles).toContain('approval-card-pending-protected.json');
    expect(goldenFiles).toContain('readiness-card-thirty-services.json');
  });

  it.each(goldenFiles)('given %s, when rendered, then no block, element or rich text part is unknown and the HTML is inert', (name) => {
    // given
    const { blocks } = load(name);

    // when
    const rendered = renderBlocks(blocks, ctx);

    // then
    expect(rendered.unknown).toEqual([]);
    expect(rendered.html).not.toContain('sk-unknown');
    expectInertHtml(rendered.html);
    expect(rendered.html.match(/class="sk-block /g)).toHaveLength(blocks.length);
  });

  it.each(goldenFiles)('given %s, when rendered, then every header, section text, field, context text and button label is visible', (name) => {
    // given
    const { blocks } = load(name);

    // when
    const { html } = renderBlocks(blocks, ctx);

    // then
    expectEveryTextVisible(blocks, html);
  });

  it('given the pending protected approval card, when rendered, then mentions show as names and Approve carries its action, block, value and confirm object', () => {
    // given
    const { blocks } = load('approval-card-pending-protected.json');

    // when
    const { html } = renderBlocks(blocks, ctx);

    // then
    expect(visibleText(html)).toContain('asked by @alice at 14:00 UTC');
    expect(visibleText(html)).toContain('1 of 2 approvals: @bob');
    expect(html).not.toContain('U0ALICE');
    const approve = /<button type="button" class="sk-button sk-primary" data-action-id="approve" data-block-id="approval:b7k2q9" data-value="b7k2q9" data-confirm="([^"]*)">Approve<\/button>/.exec(html);
    expect(approve).not.toBeNull();
    const confirm = JSON.parse(visibleText(approve![1]!));
    expect(confirm).toEqual(blocks[5]!.elements![0]!.confirm);
    expect(html).toContain('<button type="button" class="sk-button sk-danger" data-action-id="reject" data-block-id="approval:b7k2q9" data-value="b7k2q9">Reject</button>');
  });

  it('given the broken readiness card, when rendered, then its verdict is bold, its check ids are code and its fix hints italic', () => {
    // given
    const { blocks } = load('readiness-card-broken.json');

    // when
    const { html } = renderBlocks(blocks, ctx);

    // then
    expect(html).toContain('<span class="sk-emoji" role="img" aria-label=":red_circle:" title=":red_circle:">🔴</span> <b>Blocked</b> · score <b>84</b>/100<br><i>a failing check blocks deploys</i>');
    expect(html).toContain('<code class="sk-code">codebuild.quota</code>');
    expect(html).toContain('↳ <i>fix:</i> request more');
    expect(html).toContain('<div class="sk-field"><b>Passed</b><br>80</div>');
  });
});
