import { Episode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { recordOutcome } from '@glasshouse/schema';
import type { Finding, Outcome } from '@glasshouse/schema';

/** One scripted step of a regression episode: a tool call, or a reply without tools. */
export type Step = { call: string; args: Record<string, unknown> } | { say: string };

/**
 * Play scripted steps in a scenario (seed 7, draw 0 unless a variant says otherwise) and answer every
 * interview question with `answer`: the outcome and the findings, as the detectors judged them live.
 * For the scenarios' regression tests.
 */
export async function playSteps(def: ScenarioDefinition, steps: Step[], answer?: string, variant?: string): Promise<{ outcome: Outcome; findings: Finding[] }> {
  const ep = await Episode.start(def, { seed: 7, ...(variant ? { variant } : {}) });
  for (const s of steps) {
    if ('say' in s) ep.say(s.say);
    else await ep.call(s.call, s.args);
  }
  const res = await ep.end(answer === undefined ? {} : { answer: () => answer });
  return { outcome: recordOutcome(res.record), findings: res.findings };
}
