/// <reference lib="dom" />
import { renderBlocks } from '../render/render-blocks.js';
import { postJson } from './api-client.js';
import { Composer } from './composer.js';
import { askToConfirm } from './confirm-dialog.js';
import { syncMessages } from './message-list.js';
import type { PlaygroundState } from './playground-state.js';

/**
 * The playground page: draws the state the server streams (server-sent
 * events, no polling), and turns what the person does — type, click, switch
 * user or scenario, open Home — into posts to the server, which acts as
 * Slack towards the bot.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  status: $('pg-status'),
  user: $<HTMLSelectElement>('pg-user'),
  scenario: $<HTMLSelectElement>('pg-scenario'),
  messages: $('pg-messages'),
  thread: $('pg-thread'),
  threadMessages: $('pg-thread-messages'),
  threadClose: $<HTMLButtonElement>('pg-thread-close'),
  tabChannel: $<HTMLButtonElement>('pg-tab-channel'),
  tabHome: $<HTMLButtonElement>('pg-tab-home'),
  panelChannel: $('pg-panel-channel'),
  panelHome: $('pg-panel-home'),
  home: $('pg-home'),
  dialog: $<HTMLDialogElement>('pg-confirm'),
};

let state: PlaygroundState | undefined;
let acting = 'U0ALICE';
let openThread: string | undefined;
let stream: EventSource | undefined;
let resetting = false;

const composer = new Composer($<HTMLFormElement>('pg-composer'), $<HTMLTextAreaElement>('pg-text'), $('pg-commands'), (text) => {
  void act(() => postJson('/api/command', { user: acting, text }));
});

function connect(): void {
  stream?.close();
  stream = new EventSource(`/events?as=${encodeURIComponent(acting)}`);
  stream.addEventListener('state', (event) => draw(JSON.parse((event as MessageEvent<string>).data) as PlaygroundState));
  stream.addEventListener('error', () => setStatus('Disconnected', 'disconnected'));
}

function draw(next: PlaygroundState): void {
  const first = state === undefined;
  state = next;
  if (first) fillControls(next);
  if (!resetting) ui.scenario.value = next.scenario;
  composer.setCommands(next.commands);
  if (next.status === 'connected' && !resetting) setStatus('Connected', 'connected');
  else setStatus('Resetting…', 'resetting');
  const atBottom = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 40;
  syncMessages(ui.messages, next.messages, next.context, { inThread: false });
  if (atBottom) ui.messages.scrollTop = ui.messages.scrollHeight;
  drawThread();
  drawHome();
  document.body.dataset.ready = 'true';
}

function fillControls(first: PlaygroundState): void {
  ui.user.replaceChildren(...first.users.map((u) => new Option(u.label, u.id, u.id === acting, u.id === acting)));
  ui.scenario.replaceChildren(...first.scenarios.map((s) => new Option(s.label, s.id, s.id === first.scenario, s.id === first.scenario)));
}

function setStatus(text: string, connection: string): void {
  if (ui.status.textContent !== text) ui.status.textContent = text;
  document.body.dataset.connection = connection;
}

function drawThread(): void {
  if (!state || openThread === undefined) return;
  const parent = [...state.messages].find((m) => m.ts === openThread && !m.ephemeral);
  if (!parent) return closeThread();
  syncMessages(ui.threadMessages, [{ ...parent, replyCount: 0 }, ...(state.threads[openThread] ?? [])], state.context, { inThread: true });
}

function showThread(ts: string): void {
  openThread = ts;
  ui.threadMessages.replaceChildren();
  ui.thread.hidden = false;
  drawThread();
  ui.threadClose.focus();
}

function closeThread(): void {
  const was = openThread;
  openThread = undefined;
  ui.thread.hidden = true;
  ui.threadMessages.replaceChildren();
  if (was !== undefined) ui.messages.querySelector<HTMLElement>(`[data-thread="${CSS.escape(was)}"]`)?.focus();
}

function drawHome(): void {
  if (!state || ui.panelHome.hidden) return;
  const html = state.home ? renderBlocks(state.home.blocks, state.context).html : '<p class="pg-note">shipmate has not published a Home tab for you yet.</p>';
  if (ui.home.dataset.html !== html) {
    // The renderer's HTML: every text escaped.
    ui.home.innerHTML = html;
    ui.home.dataset.html = html;
    // The sandbox takes clicks on messages only: the Home tab's buttons are shown as Slack draws them, and say where to act.
    for (const button of Array.from(ui.home.querySelectorAll<HTMLButtonElement>('button.sk-button'))) {
      button.disabled = true;
      button.title = 'In the playground, use this button on the card in # releases';
    }
  }
}

function selectTab(home: boolean): void {
  ui.tabChannel.setAttribute('aria-selected', String(!home));
  ui.tabHome.setAttribute('aria-selected', String(home));
  ui.tabChannel.tabIndex = home ? -1 : 0;
  ui.tabHome.tabIndex = home ? 0 : -1;
  ui.panelChannel.hidden = home;
  ui.panelHome.hidden = !home;
  if (home) {
    drawHome();
    void act(() => postJson('/api/home', { user: acting }));
  }
}

/** Runs a request to the server; a refusal is shown in the status line, never as HTML. */
async function act(request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (error) {
    ui.status.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function clickBlockButton(button: HTMLButtonElement): Promise<void> {
  const article = button.closest<HTMLElement>('article[data-ts]');
  if (!article || !state) return;
  const confirm = button.dataset.confirm;
  if (confirm !== undefined && !(await askToConfirm(ui.dialog, confirm, state.context))) return;
  const { actionId, blockId, value } = button.dataset;
  await act(() =>
    postJson('/api/click', {
      user: acting,
      ts: article.dataset.ts,
      actionId,
      ...(blockId ? { blockId } : {}),
      ...(value !== undefined ? { value } : {}),
    }),
  );
}

document.addEventListener('click', (event) => {
  const target = event.target as Element;
  const replies = target.closest<HTMLButtonElement>('button[data-thread]');
  if (replies) return showThread(replies.dataset.thread!);
  const button = target.closest<HTMLButtonElement>('button.sk-button[data-action-id]');
  if (button && button.closest('article[data-ts]')) void clickBlockButton(button);
});

ui.threadClose.addEventListener('click', () => closeThread());
ui.thread.addEventListener('keydown', (event) => event.key === 'Escape' && closeThread());
ui.tabChannel.addEventListener('click', () => selectTab(false));
ui.tabHome.addEventListener('click', () => selectTab(true));
for (const tab of [ui.tabChannel, ui.tabHome]) {
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const other = tab === ui.tabChannel ? ui.tabHome : ui.tabChannel;
    other.focus();
    selectTab(other === ui.tabHome);
  });
}

ui.user.addEventListener('change', () => {
  acting = ui.user.value;
  closeThread();
  connect();
  if (!ui.panelHome.hidden) void act(() => postJson('/api/home', { user: acting }));
});

ui.scenario.addEventListener('change', () => {
  resetting = true;
  setStatus('Resetting…', 'resetting');
  closeThread();
  ui.messages.replaceChildren();
  ui.home.replaceChildren();
  delete ui.home.dataset.html;
  void act(() => postJson('/api/scenario', { scenario: ui.scenario.value })).finally(() => {
    resetting = false;
    if (state) draw(state);
  });
});

connect();
