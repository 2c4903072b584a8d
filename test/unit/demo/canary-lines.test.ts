import { describe, expect, it } from 'vitest';
import { previewSlackMessage } from '../../../src/render/slack-preview.js';

describe("the canary's thread lines as the demo draws them", () => {
  it('draws the Promote line and the promoted card with the emoji Slack shows, not the shortcode', () => {
    // given: what the canary gate and the Promote / Abort card say once promoted
    const lines = [':fast_forward: Promoted past step 2/5 by <@U0BOB>.', ':fast_forward: Promoted by <@U0BOB> at 12:58 UTC'];
    // when
    const drawn = lines.map((text) => previewSlackMessage({ text, blocks: [] }, { color: false, width: 60 }));
    // then
    expect(drawn[0]).toContain('⏩ Promoted past step 2/5 by @U0BOB.');
    expect(drawn[1]).toContain('⏩ Promoted by @U0BOB at 12:58 UTC');
    expect(drawn.join('')).not.toContain(':fast_forward:');
  });
});
