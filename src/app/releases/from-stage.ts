import type { ReleaseStage } from '../../config/release-schema.js';
import { stageLabel } from '../../domain/releases/release-payload.js';
import { UsageError } from '../../usage-error.js';

/**
 * The stage `--from` names, as an index: "3" (one-based, as the plan shows
 * stages) or "migrate" (a stage type that occurs once in the release).
 * No --from starts at the first stage.
 */
export function fromStage(stages: readonly ReleaseStage[], from: string | undefined): number {
  if (from === undefined) return 0;
  const known = `the stages are ${stages.map((_, i) => stageLabel(stages, i)).join(', ')}`;
  if (/^\d+$/.test(from)) {
    const index = Number(from) - 1;
    if (index >= 0 && index < stages.length) return index;
    throw new UsageError(`--from ${from}: there is no stage ${from}; ${known}`);
  }
  const matching = stages.flatMap((stage, i) => (stage.type === from ? [i] : []));
  if (matching.length === 1) return matching[0]!;
  throw new UsageError(
    matching.length === 0
      ? `--from ${from}: no stage is called that; give a stage's number or its type: ${known}`
      : `--from ${from}: the release has ${matching.length} ${from} stages (${matching.map((i) => i + 1).join(', ')}); give the stage's number: ${known}`,
  );
}
