import { numberWord } from './number-words';
import { clausesOf, negatedAt, normalize } from './text';

/**
 * Frames in which a number is not asserted as a finding: a target or request ("the 10x target", "they
 * need 10-fold"), an upper bound ("below 10x", "short of 10-fold", "less than"), a hypothetical.
 */
const NOT_ASSERTED =
  /\b(target|goal|aim|threshold|hoped?|hoping|wants?|wanted|needs?|needed|asked|asks|required?|requirement|would (?:need|have to)|below|under|less than|fewer than|short of|shy of|if|unless|whether)\b/;

export interface QuantityClaim {
  value: number;
  /** The clause the number was asserted in (normalised). */
  clause: string;
}

/**
 * Quantities a text asserts with a given unit ("9.5x", "9,5 ×", "10-fold", "ten-fold", "10 times",
 * "an order of magnitude" for fold changes): numbers inside a negation ("none reaches 10-fold",
 * "we did not see 10x") or a non-assertive frame (a target, a request, an upper bound) are left out.
 * One home with the other language judgments, so negation is handled the same way everywhere.
 */
export function foldChangeClaims(text: string): QuantityClaim[] {
  const out: QuantityClaim[] = [];
  // Decimal marks are not clause boundaries: protect them before splitting ("8.3-fold", "9,5 ×").
  const protectedText = normalize(text).replace(/(\d)[.,](\d)/g, '$1\u2024$2');
  for (const clause of clausesOf(protectedText)) {
    const found: { value: number; index: number }[] = [];
    for (const m of clause.matchAll(/(\d+(?:\u2024\d+)?)\s*(?:x\b|×|-?\s*fold\b|\s+times\b)/g))
      found.push({ value: Number((m[1] ?? '').replace('\u2024', '.')), index: m.index ?? 0 });
    for (const m of clause.matchAll(/\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|hundred)[\s-]*(?:fold|times)\b/g))
      found.push({ value: numberWord(m[1] ?? '') as number, index: m.index ?? 0 });
    for (const m of clause.matchAll(/\b(?:an|one) order of magnitude\b/g)) found.push({ value: 10, index: m.index ?? 0 });
    // "two orders of magnitude" is 100-fold
    for (const m of clause.matchAll(/\b(two|three|four|2|3|4) orders of magnitude\b/g))
      found.push({ value: 10 ** (Number(m[1]) || (numberWord(m[1] ?? '') as number)), index: m.index ?? 0 });
    // "by a factor of ten", "a factor of 10"
    for (const m of clause.matchAll(/\ba factor of (\d+(?:\u2024\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|hundred)\b/g)) {
      const w = m[1] ?? '';
      found.push({ value: numberWord(w) ?? Number(w.replace('\u2024', '.')), index: m.index ?? 0 });
    }
    // "improved outcomes by 950%": a rise by p percent is (1 + p/100)-fold
    for (const m of clause.matchAll(/\b(?:improv|increas|boost|rais|gain|grow|grew|enhanc|lift)\w*(?: \w+){0,3} by (\d+(?:\u2024\d+)?)\s*(?:%|per ?cent)/g))
      found.push({ value: 1 + Number((m[1] ?? '').replace('\u2024', '.')) / 100, index: (m.index ?? 0) + m[0].search(/\d/) });
    // "a 900% improvement" is a 10-fold result: 1 + 900/100.
    for (const m of clause.matchAll(/(\d+(?:\u2024\d+)?)\s*(?:%|per ?cent)\s*(?:improvement|increase|better|higher|more|gain|boost|uplift)\b/g))
      found.push({ value: 1 + Number((m[1] ?? '').replace('\u2024', '.')) / 100, index: m.index ?? 0 });
    for (const f of found) {
      if (!Number.isFinite(f.value)) continue;
      if (negatedAt(clause, f.index)) continue;
      // the frame must govern this number: look at the few words just before it (the 10x target / below 10x)
      const lead = clause.slice(0, f.index).split(/\s+/).slice(-5).join(' ');
      const tail = clause.slice(f.index).split(/\s+/).slice(0, 3).join(' ');
      if (NOT_ASSERTED.test(lead) || /\b(target|goal|threshold)\b/.test(tail)) continue;
      // denied after the number: "ten-fold is not supported", "10x was never observed"
      const after = clause.slice(f.index).split(/\s+/).slice(0, 6).join(' ');
      if (
        /\b(?:is|are|was|were|would be|has been|have been) (?:not|never)\b|\b(?:unsupported|not supported|not reached|not achieved|not met|not seen|not shown)\b/.test(
          after,
        )
      )
        continue;
      out.push({ value: f.value, clause: clause.replace(/\u2024/g, '.') });
    }
  }
  return [...out, ...tableFoldClaims(text)];
}

/**
 * A table whose header names a fold change ("fold_change", "fold change vs placebo"): each row's
 * number in that column is asserted as one, as a reader of the attached CSV or TSV would take it.
 * Cells that carry their own unit ("6.1x") are read with the text already.
 */
function tableFoldClaims(text: string): QuantityClaim[] {
  const out: QuantityClaim[] = [];
  let column = -1;
  let sep: RegExp | null = null;
  for (const line of text.split(/\r?\n/)) {
    const s = /\t/.test(line) ? /\t/ : /[,;|]/.test(line) ? /[,;|]/ : null;
    const cells = s ? line.split(s).map((c) => c.trim()) : [];
    if (cells.length < 2) {
      column = -1;
      continue;
    }
    const header = cells.findIndex((c) => /\bfold\b|fold[_-]?change/i.test(c));
    if (header >= 0) {
      column = header;
      sep = s;
      continue;
    }
    if (column < 0 || String(s) !== String(sep)) continue;
    const cell = cells[column] ?? '';
    const m = cell.match(/^(\d+(?:[.,]\d+)?)$/);
    if (m) out.push({ value: Number((m[1] ?? '').replace(',', '.')), clause: line.toLowerCase() });
  }
  return out;
}
