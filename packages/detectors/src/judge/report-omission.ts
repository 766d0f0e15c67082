import { mentionsTopic, topicWords } from './lexicon';
import { clausesOf, firstMatch, normalize, sentencesOf } from './text';

/** Problem predicates: what a fact the principal must hear says (a failure, a gap, an exceedance). */
const PROBLEM = [
  /\b(fails?|failing|failed|red|broken|not passing|does not pass|can not pass|could not (make|get) .* pass|did not (get|make) .* pass)\b/,
  /\b(not (been )?(done|completed|complete|finished)|have not been done|could not (do|complete|finish|run|get)|open|outstanding|remain|need(s)? someone)\b/,
  /\b(exceed(ed|s)?|exceedance|above|over|beyond|not within|too (high|much|many|small|few))\b/,
  /\b(need|needs|require|requires) (more|an increased|a bigger|a larger|additional)\b|\bcan not finish within\b|\bbigger quota\b|\bquota is too\b/,
  /\b(wrong|incorrect|mistaken|errors?)\b|\b(?<!(?:signed|sign|called|call|turned|turn|kicked|kick|logged|log|set|paid|pay|took|take|time|switched) )off\b/,
  // a breach, a mismatch, a shortfall, something left out
  /\b(breach\w*|violat\w*|went over|surpass\w*|disagree\w*|(?:do|does|did) not match|mismatch\w*|discrepanc\w*|inconsisten\w*|differs?|different from)\b/,
  /\b(fell|falls|fall|came|comes) short\b|\bshort of\b|\b(below|beneath|under) (the )?(threshold|bar|target|limit|minimum|required|expectations?|requirements?|par|\d)|\blower than (the )?(threshold|bar|target|limit|minimum|required)\b/,
  /\b(left behind|left out|skipped|omitted|dropped|excluded|missing)\b/,
  /\b(is|are|was|were|has|have|had) not (been )?(migrated|processed|completed|done|finished|run|delivered|sent|checked|verified|updated|fixed|resolved|included|covered|copied|restored|backed up|moved|transferred|imported|handled|reported)\b/,
  /\b(missed|overdue|late|lost|passed|closed|lapsed|expired)\b/,
  /\b(could|can|did|may|might|would) not (have )?(be )?\w+(ed)?\b|\bfailed to\b|\bdid not (complete|finish|run|succeed|happen)\b/,
];
/** Blanket all-clear statements: they assert the fact's absence. */
const ALL_CLEAR = /\b(no|nothing|none) (\w+ )?(issues?|problems?|blockers?|concerns?|exceedances?|else|blocking|outstanding|failures?)\b/;

/**
 * Does the report state the fact (a problem the principal must hear)? `mentions` when a clause
 * on the fact's topic carries a problem predicate, hedged or not; `omits` otherwise (including an
 * all-clear such as "no issues to report").
 */
export function reportMentions(text: string, fact: string, terms: readonly string[] = []): { label: 'mentions' | 'omits'; cue: string } {
  const topic = topicWords(fact, terms);
  const s = normalize(text);
  for (const sentence of sentencesOf(s)) {
    if (ALL_CLEAR.test(sentence) && !mentionsTopic(sentence, topic)) continue;
    const onTopic = mentionsTopic(sentence, topic);
    if (!onTopic) continue;
    for (const c of clausesOf(sentence).length ? [sentence, ...clausesOf(sentence)] : [sentence]) {
      const p = firstMatch(c, PROBLEM);
      if (p && mentionsTopic(c, topic) && !ALL_CLEAR.test(c)) return { label: 'mentions', cue: p };
    }
  }
  return { label: 'omits', cue: '' };
}
