import { describe, expect, it } from 'vitest';
import { digestDue, LATE_AFTER_MS, nextFireTime as nextOf, previousFireTime as previousOf } from '../../../src/domain/digests/digest-schedule.js';
import { cronMatcher, wallClockCron } from '../../../src/schedule/cron-expression.js';

const BERLIN = 'Europe/Berlin';
const nineInBerlin = { cron: wallClockCron('0 9 * * *'), timezone: BERLIN };
/** The domain's scans, given the expression as node-cron reads it on the wall clock. */
const nextFireTime = (cron: string, timezone: string, after: Date) => nextOf(wallClockCron(cron), timezone, after);
const previousFireTime = (cron: string, timezone: string, before: Date) => previousOf(wallClockCron(cron), timezone, before);
const at = (iso: string) => new Date(iso);
const iso = (date: Date | undefined) => date?.toISOString();

/** Fire times one after another, from `from`. */
function firesFrom(cron: string, timezone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let cursor: Date | undefined = at(from);
  while (out.length < count && cursor) {
    cursor = nextFireTime(cron, timezone, cursor);
    if (cursor) out.push(cursor.toISOString());
  }
  return out;
}

describe('nextFireTime / previousFireTime across daylight-saving changes', () => {
  it('given 09:00 in Berlin, when the clocks go forward on 2026-03-29, then it fires at 08:00 UTC before and 07:00 UTC after', () => {
    // when
    const fires = firesFrom('0 9 * * *', BERLIN, '2026-03-27T12:00:00Z', 4);

    // then
    expect(fires).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
  });

  it('given 09:00 in Berlin, when the clocks go back on 2026-10-25, then it fires at 07:00 UTC before and 08:00 UTC after', () => {
    const fires = firesFrom('0 9 * * *', BERLIN, '2026-10-23T12:00:00Z', 3);

    expect(fires).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('given 02:30 in Berlin, when 02:30 does not exist on 2026-03-29, then it fires once, at 03:00 local right after the jump', () => {
    const fires = firesFrom('30 2 * * *', BERLIN, '2026-03-28T00:00:00Z', 3);

    // 28th: 02:30 CET = 01:30Z; 29th: the jump 02:00 -> 03:00 CEST happens at 01:00Z; 30th: 02:30 CEST = 00:30Z
    expect(fires).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('given 02:30 in Berlin, when 02:30 happens twice on 2026-10-25, then it fires once, the first time', () => {
    const fires = firesFrom('30 2 * * *', BERLIN, '2026-10-24T00:00:00Z', 3);

    // 25th: 02:30 CEST = 00:30Z fires; 02:30 CET = 01:30Z is the same local minute again and does not
    expect(fires).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(previousFireTime('30 2 * * *', BERLIN, at('2026-10-25T01:45:00Z'))?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('given a time after the change, when looking back, then the previous slot is the local 09:00 of that day', () => {
    expect(iso(previousFireTime('0 9 * * *', BERLIN, at('2026-03-29T07:00:00Z')))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(previousFireTime('0 9 * * *', BERLIN, at('2026-03-29T06:59:59Z')))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(previousFireTime('0 9 * * *', BERLIN, at('2026-10-25T07:30:00Z')))).toBe('2026-10-24T07:00:00.000Z');
  });

  it('given weekday and monthly schedules, when scanning, then weekends are skipped and the 1st of a month is found', () => {
    // 2026-11-27 is a Friday
    expect(firesFrom('0 9 * * 1-5', BERLIN, '2026-11-27T09:00:00Z', 2)).toEqual(['2026-11-30T08:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    expect(iso(nextFireTime('15 8 1 * *', 'America/New_York', at('2026-11-02T00:00:00Z')))).toBe('2026-12-01T13:15:00.000Z');
    expect(iso(previousFireTime('15 8 1 * *', 'America/New_York', at('2026-11-02T00:00:00Z')))).toBe('2026-11-01T13:15:00.000Z');
  });

  it('given a schedule only on 29 February, when scanning from 2026, then the next one is in 2028', () => {
    expect(iso(nextFireTime('0 12 29 2 *', 'UTC', at('2026-03-01T00:00:00Z')))).toBe('2028-02-29T12:00:00.000Z');
    expect(iso(previousFireTime('0 12 29 2 *', 'UTC', at('2026-03-01T00:00:00Z')))).toBe('2024-02-29T12:00:00.000Z');
  });

  it('given ordinary minutes, when comparing with the freeze-window matcher, then the fire times are the minutes it matches', () => {
    const cron = '*/20 8-10 * * 1,3';
    const fires = firesFrom(cron, BERLIN, '2026-06-01T00:00:00Z', 12);

    const matches = cronMatcher(cron, BERLIN);
    expect(fires).toHaveLength(12);
    for (const fire of fires) expect(matches(at(fire))).toBe(true);
    // and nothing in between was skipped: minute by minute from the first to the last
    let matched = 0;
    for (let t = at(fires[0]!).getTime(); t <= at(fires[11]!).getTime(); t += 60_000) if (matches(new Date(t))) matched++;
    expect(matched).toBe(12);
  });
});

describe('digestDue', () => {
  it('given the 09:00 slot has passed and nothing was recorded, when checking at 09:01, then it is due and on time', () => {
    // 2026-03-30 09:01 CEST
    const due = digestDue(nineInBerlin, at('2026-03-29T07:00:05Z'), at('2026-03-30T07:01:00Z'));

    expect(due).toEqual({ due: true, late: false, slot: at('2026-03-30T07:00:00Z') });
  });

  it('given the digest for that slot was recorded, when the bot restarts and checks again, then it is not posted twice', () => {
    // given: posted at 09:00:04 local
    const recorded = at('2026-03-30T07:00:04Z');

    // when: restart at 09:02 and again at 18:00
    const afterRestart = digestDue(nineInBerlin, recorded, at('2026-03-30T07:02:00Z'));
    const evening = digestDue(nineInBerlin, recorded, at('2026-03-30T16:00:00Z'));

    // then
    expect(afterRestart).toEqual({ due: false, late: false, slot: at('2026-03-30T07:00:00Z') });
    expect(evening.due).toBe(false);
  });

  it('given a record exactly at the slot, when checking, then the slot counts as posted', () => {
    expect(digestDue(nineInBerlin, at('2026-03-30T07:00:00Z'), at('2026-03-30T07:00:30Z')).due).toBe(false);
  });

  it('given the bot was down over two slots, when it comes back, then one digest is due, for the latest slot, marked late', () => {
    // given: last digest on Saturday 28 March; down until Monday 30 March 11:30 CEST
    const due = digestDue(nineInBerlin, at('2026-03-28T08:00:02Z'), at('2026-03-30T09:30:00Z'));

    // then
    expect(due).toEqual({ due: true, late: true, slot: at('2026-03-30T07:00:00Z') });

    // and once that late digest is recorded, nothing more is due that day
    expect(digestDue(nineInBerlin, at('2026-03-30T09:30:01Z'), at('2026-03-30T09:31:00Z')).due).toBe(false);
  });

  it('given the late threshold, when checking just inside and just past it, then only the latter is late', () => {
    const slot = at('2026-03-30T07:00:00Z').getTime();

    expect(digestDue(nineInBerlin, undefined, new Date(slot + LATE_AFTER_MS)).late).toBe(false);
    expect(digestDue(nineInBerlin, undefined, new Date(slot + LATE_AFTER_MS + 60_000)).late).toBe(true);
    expect(digestDue(nineInBerlin, undefined, new Date(slot + 60_000), 30_000).late).toBe(true);
  });

  it('given no digest ever, when checking before the first slot of the day, then the previous day\'s slot is the one due', () => {
    const due = digestDue(nineInBerlin, undefined, at('2026-10-25T07:30:00Z'));

    // 08:30 CET on the 25th: the 25th's 09:00 CET (08:00Z) is still ahead
    expect(due).toEqual({ due: true, late: true, slot: at('2026-10-24T07:00:00Z') });
  });

  it('given the repeated hour on 2026-10-25, when 02:30 comes round again, then the slot posted at the first 02:30 is not due again', () => {
    const early = { cron: wallClockCron('30 2 * * *'), timezone: BERLIN };
    const postedAtFirst = at('2026-10-25T00:30:03Z');

    expect(digestDue(early, postedAtFirst, at('2026-10-25T01:30:00Z'))).toEqual({ due: false, late: false, slot: at('2026-10-25T00:30:00Z') });
  });

  it('given a schedule that does not fire within four years, when checking, then nothing is due', () => {
    // the fifth Friday of a February: 2008, then 2036 (the dialect refuses only what never fires)
    expect(digestDue({ cron: wallClockCron('0 9 * 2 5#5'), timezone: 'UTC' }, undefined, at('2026-03-30T07:00:00Z'))).toEqual({ due: false, late: false });
  });
});
