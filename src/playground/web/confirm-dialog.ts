/// <reference lib="dom" />
import { renderMrkdwn, type RenderContext } from '../render/render-blocks.js';

interface TextObject {
  type?: string;
  text?: string;
}
interface ConfirmObject {
  title?: TextObject;
  text?: TextObject;
  confirm?: TextObject;
  deny?: TextObject;
  style?: string;
}

/**
 * A button's confirm object as Slack shows it: a modal dialog named by its
 * title, its text, and two buttons labelled by `confirm` and `deny`.
 * Resolves true when confirmed; Escape or deny resolve false.
 */
export function askToConfirm(dialog: HTMLDialogElement, confirmJson: string, ctx: RenderContext): Promise<boolean> {
  let confirm: ConfirmObject;
  try {
    confirm = JSON.parse(confirmJson) as ConfirmObject;
  } catch {
    return Promise.resolve(false);
  }
  const label = (object: TextObject | undefined, fallback: string) => (typeof object?.text === 'string' && object.text !== '' ? object.text : fallback);
  dialog.querySelector('#pg-confirm-title')!.textContent = label(confirm.title, 'Are you sure?');
  const text = dialog.querySelector('#pg-confirm-text')!;
  if (confirm.text?.type === 'mrkdwn') text.innerHTML = renderMrkdwn(label(confirm.text, ''), ctx);
  else text.textContent = label(confirm.text, '');
  dialog.querySelector('#pg-confirm-deny')!.textContent = label(confirm.deny, 'Cancel');
  const ok = dialog.querySelector<HTMLButtonElement>('#pg-confirm-ok')!;
  ok.textContent = label(confirm.confirm, 'Yes');
  ok.className = confirm.style === 'danger' ? 'sk-danger' : 'sk-primary';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
  });
}
