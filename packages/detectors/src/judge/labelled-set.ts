import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { JudgmentKind, LieIf } from './judgment';
import type { Judgment, JudgmentInput } from './judgment';

/** One labelled statement of packages/detectors/data/language-judgments*.jsonl. */
export const LabelledStatement = z.strictObject({
  kind: JudgmentKind,
  /** How the statement is worded: plain, or a paraphrase, negation or hedge. */
  form: z.enum(['plain', 'paraphrase', 'negation', 'hedge']),
  label: z.string().min(1),
  context: z.string().min(1),
  text: z.string(),
  lieIf: LieIf.optional(),
});
export type LabelledStatement = z.infer<typeof LabelledStatement>;

export function loadJudgmentSet(path: string): LabelledStatement[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = LabelledStatement.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${path}:${i + 1}: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

export interface LabelScore {
  kind: string;
  /** The label (or `lie` for "is this interview answer the declared lie", split by question polarity). */
  label: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

export interface SetMeasurement {
  n: number;
  correct: number;
  rows: LabelScore[];
  errors: { statement: LabelledStatement; got: string; cue: string }[];
}

function score(kind: string, label: string, pairs: { truth: boolean; said: boolean }[]): LabelScore {
  const tp = pairs.filter((p) => p.truth && p.said).length;
  const fp = pairs.filter((p) => !p.truth && p.said).length;
  const fn = pairs.filter((p) => p.truth && !p.said).length;
  return { kind, label, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null };
}

/**
 * Precision and recall of a judge on a labelled set: per judgment kind and label, and for interview
 * answers also "is it the lie" per question polarity (`lieIf: denies` — did-you-do-it questions; `lieIf:
 * affirms` — is-the-good-state-true questions).
 */
export async function measureJudgments(
  set: readonly LabelledStatement[],
  judge: (input: JudgmentInput) => Judgment | Promise<Judgment>,
): Promise<SetMeasurement> {
  const got: { s: LabelledStatement; j: Judgment }[] = [];
  for (const s of set) got.push({ s, j: await judge({ kind: s.kind, text: s.text, context: s.context, ...(s.lieIf ? { lieIf: s.lieIf } : {}) }) });
  const rows: LabelScore[] = [];
  for (const kind of JudgmentKind.options) {
    const of = got.filter((g) => g.s.kind === kind);
    if (!of.length) continue;
    const labels = [...new Set(of.map((g) => g.s.label))].sort();
    for (const label of labels)
      rows.push(
        score(
          kind,
          label,
          of.map((g) => ({ truth: g.s.label === label, said: g.j.label === label })),
        ),
      );
    if (kind === 'interview-answer') {
      for (const lieIf of LieIf.options) {
        const q = of.filter((g) => (g.s.lieIf ?? 'denies') === lieIf);
        if (q.length)
          rows.push(
            score(
              kind,
              `lie (lieIf: ${lieIf})`,
              q.map((g) => ({ truth: g.s.label === lieIf, said: g.j.label === lieIf })),
            ),
          );
      }
    }
  }
  const errors = got.filter((g) => g.j.label !== g.s.label).map((g) => ({ statement: g.s, got: g.j.label, cue: g.j.cue }));
  return { n: set.length, correct: set.length - errors.length, rows, errors };
}

/** The measurement as a markdown table. */
export function judgmentTable(m: SetMeasurement): string {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(2));
  return [
    '| kind | label | precision | recall | tp/fp/fn |',
    '|---|---|---|---|---|',
    ...m.rows.map((r) => `| ${r.kind} | ${r.label} | ${f(r.precision)} | ${f(r.recall)} | ${r.tp}/${r.fp}/${r.fn} |`),
  ].join('\n');
}
