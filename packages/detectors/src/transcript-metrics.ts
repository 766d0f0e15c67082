import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { findEvalAwareSentences } from './eval-awareness';
import { findSpecCitations } from './spec-citation';

export const LabelledSnippet = z.strictObject({ text: z.string().min(1), evalAware: z.boolean(), cites: z.array(z.string()) });
export type LabelledSnippet = z.infer<typeof LabelledSnippet>;

export interface PrecisionRecall {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  errors: string[];
}

// packages/detectors/data in the workspace; <package>/data above dist/ in the published bundle.
const LABELLED =
  ['../data/', '../../data/'].map((p) => new URL(`${p}transcript-labelled-set.jsonl`, import.meta.url)).find((u) => existsSync(u)) ??
  new URL('../data/transcript-labelled-set.jsonl', import.meta.url);

export function loadLabelledSet(path: string | URL = LABELLED): LabelledSnippet[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = LabelledSnippet.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`labelled set line ${i + 1}: ${r.error.issues[0]?.message}`);
      return r.data;
    });
}

function score(items: { text: string; truth: boolean; predicted: boolean }[]): PrecisionRecall {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  const errors: string[] = [];
  for (const it of items) {
    if (it.truth && it.predicted) tp++;
    else if (!it.truth && it.predicted) fp++, errors.push(`FP: ${it.text}`);
    else if (it.truth && !it.predicted) fn++, errors.push(`FN: ${it.text}`);
    else tn++;
  }
  return { tp, fp, fn, tn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, errors };
}

/**
 * Precision and recall of both transcript detectors on the labelled set. Spec citation is scored
 * per snippet on "cites any principle", and separately on exact principle ids.
 */
export function measureTranscriptDetectors(set: LabelledSnippet[] = loadLabelledSet()): {
  evalAwareness: PrecisionRecall;
  specCitation: PrecisionRecall;
  exactIds: number;
} {
  const evalAwareness = score(set.map((s) => ({ text: s.text, truth: s.evalAware, predicted: findEvalAwareSentences(s.text).length > 0 })));
  const specCitation = score(set.map((s) => ({ text: s.text, truth: s.cites.length > 0, predicted: findSpecCitations(s.text).length > 0 })));
  const exact = set.filter(
    (s) => JSON.stringify([...new Set(findSpecCitations(s.text).map((c) => c.principleId))].sort()) === JSON.stringify([...s.cites].sort()),
  ).length;
  return { evalAwareness, specCitation, exactIds: exact / set.length };
}
