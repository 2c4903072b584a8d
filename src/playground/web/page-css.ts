/** The playground's stylesheet: Slack's layout (aubergine sidebar, channel, thread pane) in plain CSS; `sk-` classes style the renderer's Block Kit. */
export const PAGE_CSS = `
:root { --aubergine: #3f0e40; --aubergine-dark: #350d36; --text: #1d1c1d; --muted: #616061; --line: #dddddd;
  --link: #1264a3; --green: #007a5a; --red: #e01e5a; --focus: #1d9bd1; --hover: #f8f8f8; --ephemeral: #f4ede4; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.46668 "Lato", "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--text); background: #fff; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button, select, textarea { font: inherit; }
.pg-app { display: grid; grid-template-columns: 240px minmax(0, 1fr) auto; height: 100vh; }
.pg-sidebar { background: var(--aubergine); color: #e9dfe9; padding: 12px 14px; overflow-y: auto; }
.pg-workspace { font-weight: 900; font-size: 18px; color: #fff; margin: 4px 0 16px; }
.pg-badge { font-size: 11px; font-weight: 700; background: #ffffff26; border-radius: 4px; padding: 1px 6px; vertical-align: middle; }
.pg-field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; }
.pg-field label { font-size: 13px; font-weight: 700; }
.pg-field select { padding: 4px 6px; border-radius: 6px; border: 1px solid #ffffff55; background: var(--aubergine-dark); color: #fff; }
.pg-status-line { display: flex; align-items: center; gap: 8px; font-size: 13px; margin: 4px 0 18px; }
.pg-dot { width: 9px; height: 9px; border-radius: 50%; background: #aaa; }
body[data-connection="connected"] .pg-dot { background: #2bac76; }
body[data-connection="disconnected"] .pg-dot { background: var(--red); }
.pg-sidebar-heading { font-size: 13px; font-weight: 700; color: #cfc3cf; margin: 14px 0 4px; }
.pg-channels { list-style: none; margin: 0; padding: 0; }
.pg-channels li { padding: 3px 8px; border-radius: 6px; }
.pg-current-channel { background: #1164a3; color: #fff; font-weight: 700; }
.pg-main { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--line); }
.pg-channel-header { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 8px 20px; border-bottom: 1px solid var(--line); }
.pg-channel-title { font-size: 18px; font-weight: 900; margin: 0; }
.pg-tabs { display: flex; gap: 4px; }
.pg-tabs [role="tab"] { border: 0; background: none; padding: 6px 10px; border-bottom: 2px solid transparent; cursor: pointer; color: var(--muted); }
.pg-tabs [role="tab"][aria-selected="true"] { color: var(--text); font-weight: 700; border-bottom-color: var(--green); }
.pg-panel { display: flex; flex-direction: column; flex: 1; min-height: 0; }
.pg-panel[hidden] { display: none; }
.pg-messages { list-style: none; margin: 0; padding: 8px 0; overflow-y: auto; flex: 1; }
.pg-messages > li { padding: 0; }
.pg-message { display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 8px; padding: 8px 20px; }
.pg-message:hover { background: var(--hover); }
.pg-message.pg-ephemeral { background: var(--ephemeral); }
.pg-avatar { width: 36px; height: 36px; border-radius: 6px; display: grid; place-items: center; color: #fff; font-weight: 900; }
.pg-meta { display: flex; gap: 8px; align-items: baseline; }
.pg-author { font-weight: 900; }
.pg-app-badge { font-size: 10px; font-weight: 700; color: var(--muted); background: #1d1c1d14; border-radius: 3px; padding: 0 4px; }
.pg-time, .pg-edited, .pg-note { color: var(--muted); font-size: 12px; }
.pg-note { margin: 0 0 2px; }
.pg-only-you { margin: 4px 0 0; font-size: 12px; color: var(--muted); }
.pg-edited { margin-left: 2px; }
.pg-replies { display: block; margin-top: 4px; border: 0; background: none; color: var(--link); font-weight: 700; font-size: 13px; padding: 2px 0; cursor: pointer; }
.pg-replies:hover { text-decoration: underline; }
.pg-content { overflow-wrap: anywhere; white-space: normal; }
.pg-composer { position: relative; display: flex; gap: 8px; margin: 8px 20px 0; border: 1px solid #868686; border-radius: 8px; padding: 8px; }
.pg-composer textarea { flex: 1; border: 0; resize: vertical; min-height: 24px; max-height: 240px; outline-offset: 4px; }
.pg-send { background: var(--green); color: #fff; border: 0; border-radius: 4px; padding: 4px 14px; font-weight: 700; cursor: pointer; }
.pg-hint { margin: 4px 20px 12px; font-size: 12px; color: var(--muted); }
.pg-suggestions { position: absolute; bottom: 100%; left: 0; right: 0; margin-bottom: 6px; background: #fff; border: 1px solid var(--line);
  border-radius: 8px; box-shadow: 0 4px 12px #0000001f; padding: 6px 0; max-height: 280px; overflow-y: auto; }
.pg-suggestions [role="option"] { padding: 6px 14px; cursor: pointer; display: flex; gap: 8px; flex-wrap: wrap; }
.pg-suggestions [role="option"][aria-selected="true"], .pg-suggestions [role="option"]:hover { background: #1164a3; color: #fff; }
.pg-option-name { font-weight: 700; }
.pg-option-usage, .pg-option-summary { color: inherit; opacity: 0.75; }
.pg-home { overflow-y: auto; padding: 16px 20px; }
.pg-thread { width: 420px; display: flex; flex-direction: column; min-height: 0; }
.pg-thread[hidden] { display: none; }
.pg-thread-header { display: flex; justify-content: space-between; align-items: center; padding: 8px 16px; border-bottom: 1px solid var(--line); }
.pg-thread-header h2 { font-size: 18px; margin: 0; }
.pg-thread-channel { font-size: 13px; font-weight: 400; color: var(--muted); }
.pg-close { border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
.pg-dialog { border: 0; border-radius: 8px; padding: 20px 24px; max-width: 480px; box-shadow: 0 18px 48px #00000059; }
.pg-dialog::backdrop { background: #0000004d; }
.pg-dialog h2 { margin: 0 0 12px; font-size: 20px; }
.pg-confirm-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 20px; }
.pg-confirm-buttons button { border: 1px solid #bbb; background: #fff; border-radius: 4px; padding: 6px 14px; font-weight: 700; cursor: pointer; }
.pg-confirm-buttons .sk-primary { background: var(--green); border-color: var(--green); color: #fff; }
.pg-confirm-buttons .sk-danger { background: var(--red); border-color: var(--red); color: #fff; }
.sk-block { margin: 4px 0; }
.sk-header { font-size: 18px; font-weight: 900; margin: 6px 0; }
.sk-section { display: flex; gap: 12px; justify-content: space-between; }
.sk-section-main { flex: 1; min-width: 0; }
.sk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.sk-context { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; color: var(--muted); font-size: 13px; }
.sk-context-image { width: 20px; height: 20px; }
.sk-divider hr { border: 0; border-top: 1px solid var(--line); margin: 8px 0; }
.sk-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
.sk-button { border: 1px solid #bbbbbb; background: #fff; color: var(--text); border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 14px; cursor: pointer; text-decoration: none; display: inline-block; }
.sk-button:hover { background: var(--hover); }
.sk-button.sk-primary { background: var(--green); border-color: var(--green); color: #fff; }
.sk-button.sk-danger { background: #fff; border-color: var(--red); color: var(--red); }
.sk-button:disabled { opacity: 0.5; cursor: progress; }
.sk-link { color: var(--link); text-decoration: none; }
.sk-link:hover { text-decoration: underline; }
.sk-mention { background: #1d9bd11a; color: var(--link); border-radius: 3px; padding: 0 2px; }
.sk-code { font-family: Monaco, Menlo, Consolas, monospace; font-size: 12px; color: var(--red); background: #1d1c1d0a; border: 1px solid #1d1c1d21; border-radius: 3px; padding: 1px 3px; }
.sk-pre { font-family: Monaco, Menlo, Consolas, monospace; font-size: 12px; background: #1d1c1d0a; border: 1px solid #1d1c1d21; border-radius: 4px; padding: 8px; white-space: pre-wrap; margin: 4px 0; }
.sk-quote { border-left: 4px solid var(--line); padding-left: 12px; margin: 4px 0; }
.sk-image { max-width: 360px; border-radius: 6px; }
.sk-unknown { color: var(--red); font-style: italic; }
.sk-rt-list { margin: 4px 0; padding-left: 24px; }
@media (max-width: 900px) { .pg-app { grid-template-columns: 1fr; height: auto; } .pg-thread { width: auto; } }
`;
