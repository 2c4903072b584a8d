/**
 * The playground's one page. Its controls are filled in by the client
 * script from the live state (/events); everything drawn from Slack content
 * goes through the renderer, which escapes it.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>shipmate playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
<script type="module" src="/web/playground-client.js"></script>
</head>
<body>
<div class="pg-app">
  <nav class="pg-sidebar" aria-label="Workspace">
    <p class="pg-workspace">shop-sandbox <span class="pg-badge">playground</span></p>
    <div class="pg-field">
      <label for="pg-user">Acting as</label>
      <select id="pg-user" aria-label="Acting as"></select>
    </div>
    <div class="pg-field">
      <label for="pg-scenario">Scenario</label>
      <select id="pg-scenario" aria-label="Scenario"></select>
    </div>
    <p class="pg-status-line"><span class="pg-dot" aria-hidden="true"></span><span id="pg-status" role="status">Connecting…</span></p>
    <h2 class="pg-sidebar-heading">Channels</h2>
    <ul class="pg-channels"><li class="pg-current-channel"># releases</li></ul>
    <h2 class="pg-sidebar-heading">Apps</h2>
    <ul class="pg-channels"><li>shipmate</li></ul>
  </nav>
  <main class="pg-main">
    <header class="pg-channel-header">
      <h1 class="pg-channel-title"># releases</h1>
      <div class="pg-tabs" role="tablist" aria-label="Views">
        <button type="button" role="tab" id="pg-tab-channel" aria-selected="true" aria-controls="pg-panel-channel"># releases</button>
        <button type="button" role="tab" id="pg-tab-home" aria-selected="false" aria-controls="pg-panel-home" tabindex="-1">Home</button>
      </div>
    </header>
    <section class="pg-panel" id="pg-panel-channel" role="tabpanel" aria-labelledby="pg-tab-channel">
      <ol class="pg-messages" id="pg-messages" role="list" aria-label="Messages in #releases"></ol>
      <form class="pg-composer" id="pg-composer">
        <div class="pg-suggestions" id="pg-commands" role="listbox" aria-label="Commands" hidden></div>
        <textarea id="pg-text" aria-label="Message #releases" placeholder="Message #releases" rows="1" aria-autocomplete="list" aria-controls="pg-commands" autocomplete="off"></textarea>
        <button type="submit" class="pg-send">Send</button>
      </form>
      <p class="pg-hint">Enter sends, Shift+Enter starts a new line; type <kbd>/</kbd> for shipmate's commands.</p>
    </section>
    <section class="pg-panel pg-home" id="pg-panel-home" role="tabpanel" aria-labelledby="pg-tab-home" hidden>
      <div id="pg-home"></div>
    </section>
  </main>
  <aside class="pg-thread" id="pg-thread" aria-label="Thread" hidden>
    <header class="pg-thread-header">
      <h2>Thread <span class="pg-thread-channel"># releases</span></h2>
      <button type="button" class="pg-close" id="pg-thread-close">Close</button>
    </header>
    <ol class="pg-messages" id="pg-thread-messages" role="list" aria-label="Replies"></ol>
  </aside>
</div>
<dialog class="pg-dialog" id="pg-confirm" aria-labelledby="pg-confirm-title">
  <form method="dialog">
    <h2 id="pg-confirm-title"></h2>
    <div class="pg-confirm-text" id="pg-confirm-text"></div>
    <div class="pg-confirm-buttons">
      <button type="submit" value="deny" id="pg-confirm-deny"></button>
      <button type="submit" value="confirm" id="pg-confirm-ok" class="sk-primary"></button>
    </div>
  </form>
</dialog>
</body>
</html>
`;
