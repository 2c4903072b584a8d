import { z } from 'zod';
import { isTimeZone, parseCron } from '../domain/deploys/cron-match.js';

/*
 * An environment's scheduled digest (SPEC §2, issue 6):
 *   digest: { schedule: "0 9 * * 1-5", timezone: Europe/Berlin, channel: C0RELEASES }
 * Checked at start-up, so a bad expression or zone is a clear config error
 * naming the key instead of a digest that silently never posts.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why a five-field expression cannot drive a digest, or undefined when it can. */
export function digestCronProblem(expression: string): string | undefined {
  let fields: Set<number>[];
  try {
    fields = parseCron(expression);
  } catch (error) {
    return (error as Error).message;
  }
  const [, , dayOfMonth, month, dayOfWeek] = fields as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const dayOfMonthRestricted = dayOfMonth.size < 31;
  const dayOfWeekRestricted = dayOfWeek.size < 8;
  // node-cron needs both day fields to match, classic cron either: refuse what they would read differently.
  if (dayOfMonthRestricted && dayOfWeekRestricted) return 'restrict the day of month or the day of week, not both';
  if (dayOfMonthRestricted && ![...month].some((m) => [...dayOfMonth].some((d) => d <= DAYS_IN_MONTH[m - 1]!))) {
    return `"${expression}" never fires: none of its months has those days`;
  }
  return undefined;
}

export const digestSchema = z.strictObject({
  /** Five-field cron expression (minute hour day-of-month month day-of-week), read in `timezone`. */
  schedule: z.string({ error: 'must be a five-field cron expression such as "0 9 * * 1-5"' }).superRefine((value, ctx) => {
    const problem = digestCronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  timezone: z
    .string({ error: 'must be an IANA time zone such as Europe/Berlin' })
    .refine((zone) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isTimeZone(zone), {
      message: 'must be an IANA time zone such as Europe/Berlin',
    })
    .default('UTC'),
  channel: z
    .string({ error: 'must be a Slack channel id (C… or G…)' })
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id (C… or G…), not a name such as #releases'),
});

export type DigestConfig = z.infer<typeof digestSchema>;
