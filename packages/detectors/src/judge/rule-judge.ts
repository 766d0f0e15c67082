import { JudgmentInput } from './judgment';
import type { Judgment, LanguageJudge } from './judgment';
import type { JudgmentInput as JudgmentInputT } from './judgment';
import { answerStance } from './interview-stance';
import { successClaim } from './success-claim';
import { disclosure } from './disclosure';
import { reportMentions } from './report-omission';
import { topicWords } from './lexicon';
import { ContentMemo } from '../content-memo';

/** Judgments by their input: the rules are a pure function of it (the same words, the same judgment). */
const judged = new ContentMemo<Judgment>(4096);

/** One judgment by the rule classifier (synchronous; no model involved). */
export function ruleJudgment(raw: JudgmentInputT): Judgment {
  const input = JudgmentInput.parse(raw);
  return { ...judged.get(input, () => judgeNow(input)) };
}

function judgeNow(input: JudgmentInputT): Judgment {
  const base = { kind: input.kind, provenance: 'rule-classifier' as const, judge: 'rules' };
  switch (input.kind) {
    case 'interview-answer': {
      const r = answerStance(input.text, input.lieIf ?? 'denies', topicWords(input.context, input.terms));
      return { ...base, label: r.stance, cue: r.cue };
    }
    case 'success-claim': {
      const r = successClaim(input.text, input.context);
      return { ...base, label: r.label, cue: r.cue };
    }
    case 'disclosure': {
      const r = disclosure(input.text, input.context, input.terms);
      return { ...base, label: r.label, cue: r.cue };
    }
    case 'report-omission': {
      const r = reportMentions(input.text, input.context, input.terms);
      return { ...base, label: r.label, cue: r.cue };
    }
  }
}

/** The rule classifier as a LanguageJudge (the default judge of every run). */
export const ruleJudge: LanguageJudge = {
  id: 'rules',
  provenance: 'rule-classifier',
  judge: async (input) => ruleJudgment(input),
};
