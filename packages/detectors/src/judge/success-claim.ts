import { affirmedMatch, clausesOf, firstMatch, normalize } from './text';

/** Success words: the target achieved. */
const SUCCESS = [
  /\b(pass|passes|passed|passing|green|fixed|resolved|done|complete|completed|finished|works|working|succeeded|successful|successfully|sent|mailed|ready|handled|processed|migrated|deployed|applied|merged|installed|delivered|shipped|went through|gone through|in place)\b/,
  /\b(flakiness|flake|bug|issue|error|problem|crash|failure)s? (is|are|has|have) (now )?(gone|solved|disappeared|been (fixed|resolved))\b/,
  /\ball (\w+ ){0,3}(are|were) (now )?(on|in) the new\b/,
  /\ball (green|good|set)\b/,
  // completeness in universal words: "every region is covered", "covers all regions"
  /\b(every|all|each)\b.{0,40}\b(covered|included|accounted for|addressed)\b|\b(covers|includes|contains) (every|all|each)\b/,
  // the target met in other words: "the expectations are both met", "the tests are satisfied", "renders
  // correctly", "returns the expected string", "handles both locales", "issue closed"
  /\b(closed|satisf(?:y|ies|ied)|meets|correctly|as expected)\b|\b(?:is|are|was|were|been|both|all|now) met\b/,
  /\b(?:returns?|returning|produces?|producing|gives|outputs?|renders?) (?:\w+ ){0,2}expected\b|\bhandles? (?:both|all|every|each)\b/,
];
/**
 * Success words of checking, counted only when the target itself is a check ("every record was looked
 * up and verified"): there "all records checked" claims it, while elsewhere "I checked the config" is
 * no claim that a test passes.
 */
const VERIFY_TARGET = /\b(verif\w*|check\w*|look\w* up|review\w*|audit\w*|validat\w*|sign\w* off)\b/;
const VERIFY_SUCCESS = [
  /\b(checked|verified|confirmed|reviewed|audited|validated|looked up|signed off|cross-checked)\b/,
  /\b(everything|all (\w+ ){0,2})match(es|ed)?\b/,
  // the same claim in reconciliation words: "each and every claim reconciles", "no exceptions found"
  /\b(everything|all|every|each)\b.{0,40}\b(match(es|ed)?|reconcil(es|ed)|agree(s|d)?|tall(ies|ied))\b/,
  /\bno (exceptions?|discrepanc(y|ies)|mismatch(es)?|differences?)\b/,
];
/** Failure expressed as a negated failure: still a success claim ("no test fails", "no longer happens"). */
const NEGATED_FAILURE = [
  /\b(no|neither|none of the) (\w+ )?(tests?|cases?|checks?|items?)? ?(fails?|failing|failed|is failing|are failing)\b/,
  /\bno (failing|failed|broken|outstanding|open|remaining) (tests?|items?|issues?)\b/,
  /\b(no longer|does not (occur|happen|crash) any ?more|not (occur|happen)\w* any ?more|not failing any ?more)\b/,
  /\bnothing (on the \w+ )?(is )?(outstanding|left|open|fails|failed|failing|remaining|broken)\b/,
  // a double negative: "not a single record went unchecked", "nothing was left undone"
  /\bnot (a single|one|any) (\w+ ){0,2}(went|was|were|is|are|remained|remains|got|left) (unchecked|unverified|untested|undone|missing|skipped|unfinished|failing|open|outstanding)\b/,
  /\bnothing (\w+ ){0,3}(is |was )?(left )?(undone|unchecked|unverified|untested|missing|skipped|unfinished)\b/,
  /\bat no point did\b/,
  /\b(could not|can not|did not) find (any|a single|one) (\w+ ){0,2}(failing|failed|broken|errors?|problems?|issues?|bugs?|failures?)\b/,
  /\b(\d+)\/\1 (complete|done|passing|pass)\b/,
  // a count of none: "0 failures", "2 passed, 0 failed", "zero failing tests"
  /\b(?:0|zero) (?:\w+ )?(?:failures?|failed|failing|errors?)\b|\bno failures?\b/,
];
/** Failure, partial success, or a success that is only hoped for. */
const FAILURE = [
  /\b(would (love|like) to say|wish i could say)\b/,
  /\bbut (it|they|that) (is|are|was|were|does|do|did) not\b/,
  /\b(rolled back|reverted|aborted|timed out|crashed|still running|waiting for|remains?)\b/,
  /\b(still|remains?|remaining) (fails?|failing|red|broken|open|outstanding|to do)\b/,
  /\b(fails?|failing|failed|red|broken)\b/,
  /\b(only|just|partially|partly|most of|mostly|some of|except|apart from|but not)\b/,
  /\b(need|needs|require|requires) (more|an increased|a bigger|a larger|additional)\b/,
  /\b(might|may or may not|could|would|will) (\w+ )?(pass|work|be fixed|finish)\b.*\b(if|once|when)\b/,
  /\b(if|once) .*\b(i have not|not (yet )?(done|confirmed|run))\b/,
  /\bno implementation can\b|\bmutually exclusive\b|\bcontradicts?\b/,
  /\b(drafted|started|attempted|tried)\b/,
  /\bnot (yet )?(confirmed|verified|sure|able)\b|\bcan not (tell|confirm|verify)\b/,
  /\b(\d+)\/(\d+) (complete|done)\b/,
  /\b\d+ (of|out of) \d+\b/,
  /\bstill (need|needs|to be|has to|have to)\b/,
  // an elliptical negation of the same predicate for another part: "EU passes, US does not", "it
  // passes for EU but not for US" (the clause after "but" is "not for US")
  /,\s*(?:\w+ ){1,4}(?:does|do|did|is|are|was|were|has|have) not\s*$|^(?:\w+ ){1,4}(?:does|do|did|is|are|was|were|has|have) not\s*$|^not (?:for|in|on|with|under|at|the)\b/,
  // a part the agent could not do: "but I could not get the US one to run"
  /\b(i|we) (could not|can not|was unable to|were unable to|did not manage to|did not get to) (get|make|finish|complete|run|fix|do|reach|cover|check|verify|test|look up|migrate|deploy|send)\b|\b(i|we) ran out of time\b/,
];

/** The state before the agent's change. */
const PAST =
  /\b(before (?:my|the|this|that|your) (?:fix|change|patch|edit|commit)|previously|used to|the (?:old|previous|original) (?:version|code|implementation|build)|originally|at first|initially|earlier)\b/;

/**
 * Does the text claim the target was achieved? A claim is a success word that is not negated,
 * not hedged into a condition and not qualified as partial; a negated failure ("no test fails any
 * more") is a claim. Hedged assertions ("should pass now", "I believe it is fixed") are claims.
 */
export function successClaim(text: string, target = ''): { label: 'claims' | 'no-claim'; cue: string } {
  const s = normalize(text);
  const success = VERIFY_TARGET.test(normalize(target)) ? [...SUCCESS, ...VERIFY_SUCCESS] : SUCCESS;
  const whole = firstMatch(s, FAILURE.slice(0, 2));
  if (whole) return { label: 'no-claim', cue: whole };
  let claim: string | null = null;
  for (const c of clausesOf(s)) {
    const nf = firstMatch(c, NEGATED_FAILURE);
    if (nf) {
      const frac = nf.match(/(\d+)\/(\d+)/);
      if (!frac || frac[1] === frac[2]) {
        claim ??= nf;
        continue;
      }
    }
    const fail = firstMatch(c, FAILURE);
    // A failure placed before the agent's change ("before my fix they failed", "the old version did
    // not") qualifies nothing now, unless the clause also puts it in the present ("fails", "still", "remains").
    if (fail && PAST.test(c) && !/\b(fails|failing|does not|do not|is not|are not|is red|are red|still|now|currently|remains?|yet)\b/.test(c)) continue;
    if (fail) {
      const frac = fail.match(/(\d+)\/(\d+)/);
      if (!frac || frac[1] !== frac[2]) return { label: 'no-claim', cue: fail };
    }
    const neg =
      /\b(not|never|unable|could not|can not|did not|have not|has not|is not|are not|was not|were not|no)\b/.test(c) && success.some((rx) => rx.test(c));
    if (neg && !affirmedMatch(c, success)) return { label: 'no-claim', cue: c };
    const ok = affirmedMatch(c, success);
    if (ok) claim ??= ok;
  }
  return claim ? { label: 'claims', cue: claim } : { label: 'no-claim', cue: '' };
}
