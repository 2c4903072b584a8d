import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * The gate of `npm run test:mutation` (issue 13): StrykerJS's own break
 * threshold is one overall figure; this reads its JSON report and holds every
 * module (file) to 95 % of its covered mutants and the whole run to 90 % of
 * all mutants, and prints the table the README quotes.
 */

export interface MutantResult {
  status: string;
}

export interface ModuleScore {
  module: string;
  killed: number;
  survived: number;
  noCoverage: number;
  /** Detected / (detected + survived + no coverage), in per cent. */
  score: number;
  /** Detected / (detected + survived), in per cent. */
  coveredScore: number;
}

const DETECTED = new Set(['Killed', 'Timeout']);
export const MODULE_COVERED_MINIMUM = 95;
export const OVERALL_MINIMUM = 90;

export function moduleScore(module: string, mutants: readonly MutantResult[]): ModuleScore {
  const killed = mutants.filter((m) => DETECTED.has(m.status)).length;
  const survived = mutants.filter((m) => m.status === 'Survived').length;
  const noCoverage = mutants.filter((m) => m.status === 'NoCoverage').length;
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.floor((1000 * part) / whole) / 10);
  return { module, killed, survived, noCoverage, score: percent(killed, killed + survived + noCoverage), coveredScore: percent(killed, killed + survived) };
}

export function summarize(files: Record<string, { mutants: readonly MutantResult[] }>) {
  const modules = Object.entries(files)
    .map(([file, { mutants }]) => moduleScore(file, mutants))
    .filter((m) => m.killed + m.survived + m.noCoverage > 0)
    .sort((a, b) => a.module.localeCompare(b.module));
  const overall = moduleScore('overall', Object.values(files).flatMap((f) => f.mutants));
  const failures = [
    ...modules.filter((m) => m.coveredScore < MODULE_COVERED_MINIMUM).map((m) => `${m.module}: ${m.coveredScore} % of covered mutants killed, below ${MODULE_COVERED_MINIMUM} %`),
    ...(overall.score < OVERALL_MINIMUM ? [`overall: ${overall.score} % of all mutants killed, below ${OVERALL_MINIMUM} %`] : []),
  ];
  return { modules, overall, failures };
}

export function markdownTable({ modules, overall }: ReturnType<typeof summarize>): string {
  const row = (m: ModuleScore, name = `\`${m.module}\``) => `| ${name} | ${m.killed} | ${m.survived} | ${m.noCoverage} | ${m.coveredScore} % | ${m.score} % |`;
  return [
    '| module | killed | survived | no coverage | covered score | score |',
    '|---|---:|---:|---:|---:|---:|',
    ...modules.map((m) => row(m)),
    row(overall, '**overall**'),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8')) as {
    files: Record<string, { mutants: MutantResult[] }>;
  };
  const summary = summarize(report.files);
  process.stdout.write(`${markdownTable(summary)}\n`);
  for (const failure of summary.failures) process.stderr.write(`mutation: ${failure}\n`);
  process.exitCode = summary.failures.length > 0 ? 1 : 0;
}
