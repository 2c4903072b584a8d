import { describe, expect, it } from 'vitest';
import { helpEntries } from '../../../src/app/help-entries.js';
import { renderHelp } from '../../../src/adapters/slack/render/help-reply.js';
import { renderReadinessStarted } from '../../../src/adapters/slack/render/readiness-card.js';
import { renderNotInChannelHint, renderUsageError } from '../../../src/adapters/slack/render/usage-reply.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';

describe('renderUsageError', () => {
  it('says what was wrong and shows the usage as code, escaped', () => {
    // when
    const reply = renderUsageError('unknown environment "qa" (known: staging, production)', '/build <version> [service…|all] [env]');
    // then
    expect(reply.text).toBe(
      ':warning: unknown environment "qa" (known: staging, production)\nUsage: `/build &lt;version&gt; [service…|all] [env]`',
    );
    expect(reply.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: reply.text } }]);
    expect(validateBlocks(reply.blocks)).toBeUndefined();
  });

  it('leaves the usage out for a refusal of well-formed input', () => {
    // when
    const reply = renderUsageError('backend is locked by <@U0ALICE> since 14:02 UTC: incident', undefined);
    // then
    expect(reply.text).toBe(':warning: backend is locked by &lt;@U0ALICE&gt; since 14:02 UTC: incident');
  });

  it('escapes a message that echoes what the user typed', () => {
    const reply = renderUsageError('version: "<!here>" is not a valid version', '/readiness [env] [version]');
    expect(reply.text).toContain('"&lt;!here&gt;"');
    expect(reply.text).not.toContain('<!here>');
  });
});

describe('renderNotInChannelHint', () => {
  it('names the channel and how to invite the bot', () => {
    const hint = renderNotInChannelHint('releases');
    expect(hint.text).toBe(":wave: I can't post in #releases yet: invite me with `/invite @shipmate`, then run the command again.");
    expect(validateBlocks(hint.blocks)).toBeUndefined();
  });

  it.each([undefined, 'directmessage', 'privategroup'])('says "this channel" when Slack gives the name as %j', (name) => {
    expect(renderNotInChannelHint(name).text).toMatch(/^:wave: I can't post in this channel yet: /);
  });
});

describe('renderReadinessStarted', () => {
  it('says which environment and version are being checked', () => {
    expect(renderReadinessStarted('production', '1.2.0').text).toBe(
      ':hourglass_flowing_sand: Running readiness for *production* at *1.2.0*… the report card will follow in this channel.',
    );
  });

  it('leaves the version out when none was asked for', () => {
    const started = renderReadinessStarted('staging');
    expect(started.text).toBe(':hourglass_flowing_sand: Running readiness for *staging*… the report card will follow in this channel.');
    expect(validateBlocks(started.blocks)).toBeUndefined();
  });
});

describe('renderHelp', () => {
  it('shows every usage as code with its <…> escaped, so none reads as a link', () => {
    // when
    const help = renderHelp(helpEntries());
    // then
    expect(help.text).toContain('`/build &lt;version&gt; [service…|all] [env]` — Ask for approval');
    expect(help.text).toContain('`/readiness [env] [version]`');
    expect(JSON.stringify(help)).not.toMatch(/<(?!\/)[^<>]*>/);
    expect(validateBlocks(help.blocks)).toBeUndefined();
  });
});
