import type { ReleasePreflightLine } from '../domain/releases/release-payload.js';
import { cardSections, type ReleasePlanView } from './release-plan-formats.js';
import { wrapText } from './wrap-text.js';

const ANSI = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
const LABEL = { fail: 'FAIL ', error: 'ERROR', warn: 'WARN ' } as const;
const TONE = { fail: 'red', error: 'magenta', warn: 'yellow' } as const;
const MIN_WIDTH = 40;
const INDENT = '  ';
const ITEM_INDENT = ' '.repeat(9);

/** The plan as a person reads it in a terminal: stages, images, what the preflight found, blockers, who approves. */
export function renderReleasePlanTerminal(view: ReleasePlanView, style: { color: boolean; width?: number }): string {
  const { plan, card } = view;
  const paint = (tone: keyof typeof ANSI, text: string) => (style.color ? `\x1b[${ANSI[tone]}m${text}\x1b[0m` : text);
  const width = Math.max(MIN_WIDTH, style.width ?? 80);
  const item = (text: string, indent = INDENT) => wrapText(text, width - indent.length, ' '.repeat(2)).map((l) => indent + l);
  const { stages, services, notes } = cardSections(view);
  const problems = plan.preflight.filter((l): l is ReleasePreflightLine & { status: keyof typeof LABEL } => l.status in LABEL);
  const count = (status: ReleasePreflightLine['status']) => plan.preflight.filter((l) => l.status === status).length;
  const blocked = plan.blockers.length;
  const lines = [
    ...wrapText(`shipmate release plan · ${plan.environment} · version ${plan.version}`, width, INDENT).map((l) => paint('bold', l)),
    blocked > 0 ? `${paint('red', 'BLOCKED')} · ${blocked} blocker${blocked === 1 ? '' : 's'}` : `${paint('green', 'READY')} · no blockers: it can be approved`,
    '',
    'Stages',
    ...stages.flatMap((s) => item(s)),
    'Images (current → target)',
    ...[...services, ...notes].flatMap((s) => item(s)),
    ...wrapText(`Preflight · ${count('pass')} passed · ${count('fail')} failing · ${count('warn')} warnings · ${count('error')} errors · ${count('skip')} skipped`, width, INDENT),
    ...problems.flatMap((l) => {
      const [head, ...rest] = item(`${l.service}: ${l.text}`, ITEM_INDENT);
      return [`${INDENT}${paint(TONE[l.status], LABEL[l.status])}  ${head!.trimStart()}`, ...rest];
    }),
  ];
  if (blocked > 0) lines.push('Blockers', ...plan.blockers.flatMap((b) => item(`✗ ${b}`).map((l) => paint('red', l))));
  lines.push('', ...wrapText(card.policyLine, width));
  return lines.join('\n') + '\n';
}
