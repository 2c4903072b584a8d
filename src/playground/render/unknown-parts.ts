import { escapeHtml } from './escape-html.js';

export type UnknownKind = 'block' | 'element' | 'rich_text';

/** The parts a render met but cannot draw: listed (never silently dropped) and shown as a visible placeholder. */
export class UnknownParts {
  readonly found: string[] = [];

  /** Records `kind:type` and returns the placeholder HTML, e.g. <div class="sk-unknown">unsupported block: video</div>. */
  placeholder(kind: UnknownKind, type: unknown, inline = false): string {
    const name = typeof type === 'string' && type !== '' ? type : '(no type)';
    const entry = `${kind}:${name}`;
    if (!this.found.includes(entry)) this.found.push(entry);
    const tag = inline ? 'span' : 'div';
    const what = kind === 'rich_text' ? 'rich text element' : kind;
    return `<${tag} class="sk-unknown">unsupported ${what}: ${escapeHtml(name)}</${tag}>`;
  }
}
