/// <reference lib="dom" />

/** Posts a JSON body to the playground's server; resolves with its JSON answer, rejects with its one-line error. */
export async function postJson(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`);
  return answer;
}
