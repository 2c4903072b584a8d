import { describe, expect, it } from 'vitest';
import { PAGE_HTML } from '../../../src/playground/web/page-html.js';

/** The page's DOM contract (roles and names the browser tests and screen readers find it by), as served before any script runs. */
describe('the playground page as served', () => {
  it.each([
    ['its title', '<title>shipmate playground</title>'],
    ['a status line', 'role="status"'],
    ['the views tablist', 'role="tablist" aria-label="Views"'],
    ['the channel tab', 'role="tab" id="pg-tab-channel" aria-selected="true" aria-controls="pg-panel-channel"># releases</button>'],
    ['the Home tab', 'role="tab" id="pg-tab-home" aria-selected="false" aria-controls="pg-panel-home" tabindex="-1">Home</button>'],
    ['the channel list', 'role="list" aria-label="Messages in #releases"'],
    ['the composer', '<textarea id="pg-text" aria-label="Message #releases"'],
    ['the commands listbox', 'role="listbox" aria-label="Commands" hidden'],
    ['the Send button', '<button type="submit" class="pg-send">Send</button>'],
    ['the user switcher', '<select id="pg-user" aria-label="Acting as">'],
    ['the scenario picker', '<select id="pg-scenario" aria-label="Scenario">'],
    ['the thread panel, closed', '<aside class="pg-thread" id="pg-thread" aria-label="Thread" hidden>'],
    ['its Close button', '>Close</button>'],
    ['the confirm dialog', '<dialog class="pg-dialog" id="pg-confirm" aria-labelledby="pg-confirm-title">'],
    ['its one script, a module of our own', '<script type="module" src="/web/playground-client.js"></script>'],
  ])('has %s', (_what, html) => {
    // given / when / then
    expect(PAGE_HTML).toContain(html);
  });

  it('loads nothing from anywhere but its own server, and has no inline script or handler', () => {
    // given / when
    const urls = [...PAGE_HTML.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);

    // then
    expect(urls).toEqual(['data:,', '/page.css', '/web/playground-client.js']);
    expect(PAGE_HTML).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    expect(PAGE_HTML).not.toMatch(/\son[a-z]+=/i);
  });
});
