/// <reference lib="dom" />

export interface CommandHint {
  name: string;
  usage: string;
  summary: string;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line. While the text
 * is a command name being typed ("/" then no space), a listbox "Commands"
 * suggests the registered ones with their usage; arrows move through it, Tab
 * (or a click) completes, Escape closes it.
 */
export class Composer {
  private commands: readonly CommandHint[] = [];
  private shown: CommandHint[] = [];
  private active = -1;

  constructor(
    form: HTMLFormElement,
    private readonly textarea: HTMLTextAreaElement,
    private readonly listbox: HTMLElement,
    private readonly send: (text: string) => void,
  ) {
    textarea.addEventListener('input', () => this.suggest());
    textarea.addEventListener('keydown', (event) => this.onKey(event));
    textarea.addEventListener('blur', () => this.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    // A click on an option must not take the focus from the text first.
    listbox.addEventListener('mousedown', (event) => event.preventDefault());
    listbox.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option) this.complete(Number(option.dataset.index));
    });
  }

  setCommands(commands: readonly CommandHint[]): void {
    this.commands = commands;
  }

  private submit(): void {
    const text = this.textarea.value;
    this.close();
    // Slack sends nothing for an empty message.
    if (text.trim() === '') return;
    this.textarea.value = '';
    this.send(text);
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.listbox.hidden && this.shown.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      this.highlight((this.active + (event.key === 'ArrowDown' ? 1 : -1) + this.shown.length) % this.shown.length);
    } else if (open && event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      this.complete(Math.max(this.active, 0));
    } else if (open && event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (open && this.active >= 0) this.complete(this.active);
      else this.submit();
    }
  }

  private suggest(): void {
    const typed = /^\/\S*$/.exec(this.textarea.value)?.[0];
    this.shown = typed === undefined ? [] : this.commands.filter((c) => c.name.startsWith(typed));
    if (this.shown.length === 0) return this.close();
    this.listbox.replaceChildren(
      ...this.shown.map((command, index) => {
        const option = document.createElement('div');
        option.setAttribute('role', 'option');
        option.id = `pg-command-${index}`;
        option.dataset.index = String(index);
        option.setAttribute('aria-selected', 'false');
        // Spaces between the parts, so the option's accessible name reads "/deploy <service> <version> … Preflight, …".
        option.append(span('pg-option-name', command.name), ' ', span('pg-option-usage', command.usage), ' ', span('pg-option-summary', command.summary));
        return option;
      }),
    );
    this.listbox.hidden = false;
    this.active = -1;
    this.textarea.removeAttribute('aria-activedescendant');
  }

  private highlight(index: number): void {
    this.active = index;
    for (const option of Array.from(this.listbox.children)) option.setAttribute('aria-selected', String(option.id === `pg-command-${index}`));
    this.textarea.setAttribute('aria-activedescendant', `pg-command-${index}`);
    this.listbox.children[index]?.scrollIntoView({ block: 'nearest' });
  }

  private complete(index: number): void {
    const command = this.shown[index];
    if (command) this.textarea.value = `${command.name} `;
    this.close();
    this.textarea.focus();
  }

  private close(): void {
    this.listbox.hidden = true;
    this.listbox.replaceChildren();
    this.shown = [];
    this.active = -1;
    this.textarea.removeAttribute('aria-activedescendant');
  }
}

function span(className: string, text: string): HTMLElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}
