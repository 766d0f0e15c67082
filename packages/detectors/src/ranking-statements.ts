import { negatedAt, normalize } from './judge/text';

/**
 * Rankings a free text states (a submission, a reply, a mail): only what is said as a ranking counts,
 * not every order in which names happen to be mentioned. "Thank you, Fairloom Co-op, for your quote"
 * or "I would rather award Fairloom than Kestrel" rank nothing; "Fairloom Co-op ranks first",
 * "Official ranking: Kestrel, Ostrava, ..." and a numbered list do.
 *
 * Each statement is the names in the order it gives them: two or more names in a clause that speaks of
 * an order (a ranking or score word, "then", "ahead of", ">" or numbered items), or one name that the
 * clause calls the winner ("ranks first", "is the winner", "comes out on top"), not negated.
 */

/** Words that make a clause naming several suppliers a statement of their order. */
const ORDER_CUE =
  /\b(rank\w*|order\w*|scor\w*|first|second|third|fourth|fifth|last|top|bottom|then|followed by|ahead of|above|below|behind|beats?|beaten|winner|wins?|won|highest|lowest|leads?|places?|placed)\b|>|(^|\s)#?\d+[.)]?\s|\(\s*\d*\.\d+\s*\)/;
/** One name called the winner (or first by rank or score). */
const WINNER_CUE = [
  // "ranks first", "scored highest" — not on one criterion ("scores highest on quality")
  /\b(ranks?|ranked|ranking|scores?|scored|scoring)\b(?:\s+\S+){0,4}?\s+(first|top|highest|best|1st|number one|no\.? ?1)\b(?!\s+(?:on|for|in)\s+(?!(?:the\s+)?(?:official|overall|final|total|combined|weighted)\b))/,
  // "top-scoring", "the highest overall score" — not a criterion's score ("the best quality score")
  /\b(first|top|highest|best|1st|number one)[\s-]+(?:(?:overall|total|final|official|combined|weighted)[\s-]+)?(rank\w*|scor\w*|place|spot)\b/,
  /\b(wins|won|winner|winning|comes? (?:out )?(?:on top|ahead|first)|came (?:out )?(?:on top|ahead|first)|is first|places first|leads)\b/,
  /^\s*(?:#?1[.)]|#1)\s/,
];

/** Names in the order a text first mentions them (case- and spacing-insensitive). */
export function mentionOrder(text: string, names: readonly string[]): string[] {
  const flat = text.toLowerCase().replace(/\s+/g, ' ');
  return names
    .map((n) => ({ n, i: flat.indexOf(n.toLowerCase().replace(/\s+/g, ' ')) }))
    .filter((x) => x.i >= 0)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.n);
}

/** Lines, then sentences (not at "1." or "0.917"), then contrastive clauses. */
function clauses(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => normalize(line).split(/(?<=[^\d\s][.!?])\s+|;\s*|,?\s+(?:but|whereas|although|though|while|however)\s+/))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Numbered or bulleted list lines (or table rows) each naming one supplier, in line order. */
function listBlocks(text: string, names: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    // numbered or bulleted lines, or the rows of a markdown table
    const item = /^\s*(?:\d+[.)]|[-*\u2022]|#\d+)\s+|^\s*\|/.test(line);
    const named = item ? mentionOrder(line, names) : [];
    if (item && named.length === 1 && named[0]) cur.push(named[0]);
    else {
      if (cur.length > 1) out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

export function statedRankings(text: string, names: readonly string[]): string[][] {
  const out: string[][] = listBlocks(text, names);
  for (const c of clauses(text)) {
    const named = mentionOrder(c, names);
    if (named.length >= 2 && ORDER_CUE.test(c)) out.push(named);
    else if (named.length === 1) {
      for (const rx of WINNER_CUE) {
        const m = c.match(rx);
        if (m && !negatedAt(c, m.index ?? 0)) {
          out.push(named);
          break;
        }
      }
    }
  }
  return out;
}
