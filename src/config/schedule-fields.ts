import { z } from 'zod';
import { cronProblem } from '../schedule/cron-expression.js';

/*
 * The cron expression and time zone keys of digests and freeze windows: one
 * schema each, so both keys accept and refuse the same things with the same
 * reasons (issue 12). Checked at start-up and by `shipmate config validate`.
 */

const CRON_EXPECTED = 'must be a cron expression such as "0 9 * * MON-FRI" or "@daily"';
const ZONE_EXPECTED = 'must be an IANA time zone such as Europe/Berlin';

export const cronExpressionSchema = z.string({ error: CRON_EXPECTED }).superRefine((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const timeZoneSchema = z
  .string({ error: ZONE_EXPECTED })
  .refine((zone) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isTimeZone(zone), { message: ZONE_EXPECTED })
  .default('UTC');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
