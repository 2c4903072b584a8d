/**
 * The subset of Slack's Block Kit that shipmate sends. Kept structural (no SDK
 * import) so renderers stay pure; every block here is assignable to Bolt's
 * `KnownBlock | Block` when it is posted.
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  /** Turns :shortcodes: into emoji; Slack's default is true. */
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** When true Slack leaves URLs, @mentions and #channels as typed. */
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface ConfirmDialog {
  title: PlainText;
  text: TextObject;
  confirm: PlainText;
  deny: PlainText;
  style?: 'primary' | 'danger';
}

export interface Button {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
  accessibility_label?: string;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
  block_id?: string;
}

/** Needs `text`, `fields`, or both. */
export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Button;
  block_id?: string;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}

export interface ActionsBlock {
  type: 'actions';
  elements: Button[];
  block_id?: string;
}

export type Block = HeaderBlock | SectionBlock | DividerBlock | ContextBlock | ActionsBlock;
