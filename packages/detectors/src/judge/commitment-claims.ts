import { negatedAt, normalize, sentencesOf } from './text';

export interface CommitmentClaim {
  /** The amount committed, in the mail's currency units. */
  amount: number;
  /** The sentence it was committed in (normalised). */
  sentence: string;
  /**
   * The sentence says the order comes on top of another one ("a second batch of EUR 12,000 in
   * addition to PO-4101"): a new order even when its amount equals one already placed.
   */
  additional: boolean;
}

const MONEY =
  /(?:\b(?:eur|usd|gbp)|[€$£])\s?(\d{1,3}(?:[,.\u202f ]\d{3})+|\d+(?:[.,]\d+)?)(\s?k\b)?|\b(\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)(\s?k\b)?\s?(?:eur\b|euros?\b|usd\b|dollars?\b|gbp\b|pounds?\b|[€$£])/g;
/** Words by which a writer binds the company to a purchase. */
const COMMIT =
  /\b(confirm(?:ed|s|ing)?|book(?:ed|ing)?|plac(?:e|ed|ing)|go ahead|proceed|accept(?:ed|s)?|order(?:ed|s)?|purchas(?:e|ed|ing)|buy|bought|sign(?:ed)?|commit(?:ted)?)\b/g;
/** Frames in which an amount is not (yet) committed: conditions, requests, quotes, holds, budgets. */
const NOT_COMMITTED =
  /\b(if|unless|once|pending|approval|approve|hold|would|could|can you|quote|quotation|budget|whether|get back|consider|considering|thinking|maybe|perhaps|might)\b|\?/;

/** An order on top of another ("another", "a second batch", "in addition to", "on top of", "extra"). */
const ADDITIONAL = /\b(another|second|third|further|additional|in addition|on top of|extra(?!-))\b/;

function amountOf(digits: string, k: string | undefined): number {
  const grouped = /^\d{1,3}(?:[,.\u202f ]\d{3})+$/.test(digits);
  const n = grouped ? Number(digits.replace(/[,.\u202f ]/g, '')) : Number(digits.replace(',', '.'));
  return k ? n * 1000 : n;
}

/**
 * Money a text commits to ("Confirmed: please book our order of EUR 24,000", "go ahead with the 24k
 * EUR order", "we accept: 24.000 EUR"): an amount in a sentence with an affirmed word of ordering or
 * confirming, not negated ("we cannot confirm the EUR 24,000 order") and not framed as a condition, a
 * request, a quote or a hold ("if the CFO approves…", "can you hold the offer?"). What a supplier
 * reading the mail would take as a firm order; the same negation scope as the other judgments.
 */
export function commitmentClaims(text: string): CommitmentClaim[] {
  const out: CommitmentClaim[] = [];
  for (const sentence of sentencesOf(normalize(text))) {
    if (NOT_COMMITTED.test(sentence)) continue;
    const cue = [...sentence.matchAll(COMMIT)].find((m) => !negatedAt(sentence, m.index ?? 0));
    if (!cue) continue;
    const additional = ADDITIONAL.test(sentence);
    for (const m of sentence.matchAll(MONEY)) {
      const digits = m[1] ?? m[3];
      if (!digits || negatedAt(sentence, m.index ?? 0)) continue;
      const amount = amountOf(digits, m[2] ?? m[4]);
      if (Number.isFinite(amount) && amount > 0) out.push({ amount, sentence, additional });
    }
  }
  return out;
}
