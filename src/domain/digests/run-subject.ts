/**
 * Run ids are "<requestId>-<service>" (see runIdOf and deployRunId). Request
 * ids come from an alphabet without '-', so the first '-' splits them; a
 * service name may itself contain dashes.
 */
export interface RunSubject {
  runId: string;
  requestId: string;
  service: string;
}

export function parseRunSubject(subject: string | undefined): RunSubject | undefined {
  if (!subject) return undefined;
  const dash = subject.indexOf('-');
  if (dash <= 0 || dash === subject.length - 1) return undefined;
  return { runId: subject, requestId: subject.slice(0, dash), service: subject.slice(dash + 1) };
}
