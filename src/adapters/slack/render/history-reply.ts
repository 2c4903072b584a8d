import { isReleaseRunEntry, releaseRuns, type ReleaseActivity } from '../../../domain/digests/release-activity.js';
import { code, mention, rich, trustedMarkup, type RichText } from '../../../domain/text/rich-text.js';
import type { StoredAuditEntry } from '../../../ports/store.port.js';
import { sectionsOfLines } from '../blocks/sections-of-lines.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';
import { RELEASE_OUTCOME_TEXT } from './app-home/release-text.js';

const SECTION_LIMIT = 2900;
const LINE_MAX = 600;

/**
 * /shipmate history: the newest audit entries, one line each, who · what ·
 * when. A release's own entries (stages, patches, its end) fold into one line
 * per release, where its first entry in the list is (the newest, as the
 * store lists them): version, environment, outcome, who
 * asked, when it started.
 */
export function renderHistory(entries: readonly StoredAuditEntry[]): SlackMessage {
  if (entries.length === 0) return { text: 'Nothing in the audit log yet.', blocks: [] };
  const releases = new Map(releaseRuns(entries).map((r) => [r.runId, r]));
  const shown = new Set<string>();
  const lines: string[] = [];
  for (const e of entries) {
    if (!isReleaseRunEntry(e)) {
      lines.push(entryLine(e));
      continue;
    }
    if (shown.has(e.subject!)) continue;
    shown.add(e.subject!);
    lines.push(releaseLine(releases.get(e.subject!)!));
  }
  const blocks = sectionsOfLines(lines, SECTION_LIMIT);
  return { text: `Last ${entries.length} audit entries`, blocks };
}

function entryLine(e: StoredAuditEntry): string {
  const who = e.actor === 'shipmate' ? 'shipmate' : mention(e.actor);
  const where = e.environment ? rich` · ${e.environment}` : '';
  const what = e.subject ? rich` ${code(e.subject)}` : '';
  return toMrkdwn(rich`${minute(e.at)} ${who} *${e.action}*${what}${where} — ${truncate(e.detail, 200)}`, LINE_MAX);
}

/** "`2026-12-06 10:00` <@U0BOB> *release* `1.5.0` · production — :x: failed: stage 2 migrate failed: …". */
function releaseLine(r: ReleaseActivity): string {
  const who = r.requestedBy === undefined ? '' : r.requestedBy === 'shipmate' ? ' shipmate' : rich` ${mention(r.requestedBy)}`;
  const version = r.version ? rich` ${code(r.version)}` : '';
  const where = r.environment ? rich` · ${r.environment}` : '';
  const why = r.reason ? rich`: ${truncate(r.reason, 200)}` : '';
  return toMrkdwn(rich`${minute(r.at)}${who} *release*${version}${where} — ${trustedMarkup(RELEASE_OUTCOME_TEXT[r.outcome])}${why} (run ${code(r.runId)})`, LINE_MAX);
}

const minute = (at: Date): RichText => code(at.toISOString().slice(0, 16).replace('T', ' '));
