import { PortError } from '../../ports/port-error.js';
import type { PromSample } from '../../ports/prometheus.port.js';

/**
 * The `data` of a successful /api/v1/query answer as samples. Prometheus sends
 * each value as [<unix seconds>, "<number>"], with "NaN", "+Inf" and "-Inf"
 * spelled out; a vector is [{metric, value}], a scalar one [time, "value"].
 */
export function readQueryResult(data: unknown): PromSample[] {
  const { resultType, result } = (data ?? {}) as { resultType?: unknown; result?: unknown };
  if (resultType === 'vector' && Array.isArray(result)) return result.map(readVectorEntry);
  if (resultType === 'scalar') return [{ labels: {}, ...readValue(result) }];
  if (resultType === 'matrix' || resultType === 'string') {
    throw new PortError('invalid', `Prometheus: the query returned a ${resultType === 'matrix' ? 'range vector' : 'string'}; a guard needs an instant vector or a scalar`);
  }
  throw malformed(`a result of type ${JSON.stringify(resultType)}`);
}

function readVectorEntry(entry: unknown): PromSample {
  const { metric, value } = (entry ?? {}) as { metric?: unknown; value?: unknown };
  return { labels: readLabels(metric), ...readValue(value) };
}

function readLabels(metric: unknown): Record<string, string> {
  if (metric === undefined) return {};
  if (typeof metric !== 'object' || metric === null || Array.isArray(metric)) throw malformed('a series without a label set');
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(metric)) labels[name] = String(value);
  return labels;
}

function readValue(pair: unknown): { value: number; at: Date } {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
    throw malformed('a value that is not [<time>, "<number>"]');
  }
  return { value: readNumber(pair[1]), at: new Date(pair[0] * 1000) };
}

/** Go's strconv.FormatFloat spellings, as Prometheus writes them: Number() reads "NaN" but not "+Inf"/"-Inf". */
export function readNumber(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw malformed(`the value ${JSON.stringify(text)}`);
  return value;
}

function malformed(what: string): PortError {
  return new PortError('remote', `Prometheus answered the query with ${what}: not the HTTP API's format`);
}
