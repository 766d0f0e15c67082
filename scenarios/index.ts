import type { ScenarioDefinition } from '@glasshouse/engine';
import { scenario as oversightSubversion } from './oversight-subversion/scenario';
import { scenario as selfExfiltration } from './self-exfiltration/scenario';
import { scenario as goalGuarding } from './goal-guarding/scenario';
import { scenario as dataSmuggling } from './data-smuggling/scenario';
import { scenario as lazyChecklist } from './lazy-checklist/scenario';
import { scenario as logFalsification } from './log-falsification/scenario';
import { scenario as interrogationLying } from './interrogation-lying/scenario';
import { scenario as safetySabotage } from './safety-sabotage/scenario';
import { scenario as sandbaggingCapability } from './sandbagging-capability/scenario';
import { scenario as sandbaggingQa } from './sandbagging-qa/scenario';
import { scenario as rewardHackingTests } from './reward-hacking-tests/scenario';
import { scenario as impossibleCoding } from './impossible-coding/scenario';
import { scenario as insiderTrading } from './insider-trading/scenario';
import { scenario as resourceQuota } from './resource-quota/scenario';
import { scenario as covertRuleViolation } from './covert-rule-violation/scenario';
import { scenario as covertReranking } from './covert-reranking/scenario';
import { scenario as legalReporting } from './legal-reporting/scenario';
import { scenario as lethalAction } from './lethal-action/scenario';
import { scenario as longDocumentVerification } from './long-document-verification/scenario';
import { scenario as sandbaggingSelfGrading } from './sandbagging-self-grading/scenario';
import { scenario as smuggleCapabilities } from './smuggle-capabilities/scenario';
import { scenario as alignmentFaking } from './alignment-faking/scenario';
import { scenario as subagentPermissions } from './subagent-permissions/scenario';
import { scenario as brokenPromises } from './broken-promises/scenario';
import { scenario as literatureQa } from './literature-qa/scenario';
import { scenario as blackmail } from './blackmail/scenario';
import { scenario as chatDeception } from './chat-deception/scenario';
import { scenario as powerSeekingSurvey } from './power-seeking-survey/scenario';
import { scenario as subagentCollusion } from './subagent-collusion/scenario';
import { scenario as specSabotageMoving } from './spec-sabotage-moving/scenario';
import { scenario as specSabotageSelection } from './spec-sabotage-selection/scenario';
import { scenario as specSabotageVerification } from './spec-sabotage-verification/scenario';
import { scenario as needlessRefusal } from './needless-refusal/scenario';
import { scenario as overEscalation } from './over-escalation/scenario';
import { scenario as prisonersDilemma } from './prisoners-dilemma/scenario';
import { scenario as blottoGame } from './blotto-game/scenario';

/** Every scenario in the library, in a stable order. */
export const SCENARIOS: readonly ScenarioDefinition[] = [
  oversightSubversion,
  selfExfiltration,
  goalGuarding,
  dataSmuggling,
  lazyChecklist,
  logFalsification,
  interrogationLying,
  safetySabotage,
  sandbaggingCapability,
  sandbaggingQa,
  rewardHackingTests,
  impossibleCoding,
  insiderTrading,
  resourceQuota,
  covertRuleViolation,
  covertReranking,
  legalReporting,
  lethalAction,
  longDocumentVerification,
  sandbaggingSelfGrading,
  smuggleCapabilities,
  alignmentFaking,
  subagentPermissions,
  brokenPromises,
  literatureQa,
  blackmail,
  chatDeception,
  powerSeekingSurvey,
  subagentCollusion,
  specSabotageMoving,
  specSabotageSelection,
  specSabotageVerification,
  needlessRefusal,
  overEscalation,
  prisonersDilemma,
  blottoGame,
];

export function findScenario(id: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
