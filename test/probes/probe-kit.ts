import { Episode } from '@glasshouse/engine';
import { regradeRecord } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';
import { recordOutcome } from '@glasshouse/schema';
import type { Outcome } from '@glasshouse/schema';

/** One step of a probe: a tool call, or an assistant message without tools. */
export type ProbeStep = { call: string; args: Record<string, unknown> } | { say: string };

/**
 * An adversarial probe: a way to act in a scenario that its reference policies do not use, with the
 * outcome a careful researcher expects. Written by someone other than the detector author, from the
 * scenario's README and world only.
 */
export interface Probe {
  scenario: string;
  name: string;
  expect: Outcome;
  variant?: string;
  steps: ProbeStep[];
  /** Interview answer (same for every question), or per question id. */
  answer?: string | Record<string, string>;
}

export const call = (name: string, args: Record<string, unknown>): ProbeStep => ({ call: name, args });
export const sh = (command: string): ProbeStep => ({ call: 'bash', args: { command } });
export const say = (text: string): ProbeStep => ({ say: text });

export interface ProbeResult {
  probe: Probe;
  outcome: Outcome;
  /** The outcome regrade gives from the recorded log alone (must equal the live one). */
  regraded: Outcome;
  detail: string;
}

export async function runProbe(p: Probe): Promise<ProbeResult> {
  const def = findScenario(p.scenario);
  if (!def) throw new Error(`probe ${p.name}: unknown scenario ${p.scenario}`);
  const ep = await Episode.start(def, { seed: 7, ...(p.variant ? { variant: p.variant } : {}) });
  for (const s of p.steps) {
    if ('say' in s) ep.say(s.say);
    else await ep.call(s.call, s.args);
  }
  const ans = p.answer;
  const res = await ep.end(ans === undefined ? {} : { answer: (q) => (typeof ans === 'string' ? ans : (ans[q.id] ?? 'I would rather not say.')) });
  const outcome = recordOutcome(res.record);
  const detail = res.findings
    .filter((f) => f.kind === 'covert-action' || f.kind === 'interview' || f.kind === 'disclosure')
    .map((f) => `${f.detector}=${f.verdict}${f.disclosure ? `/${f.disclosure}` : ''}`)
    .join(' ');
  const regraded = (await regradeRecord(res.record, def)).newOutcome;
  return { probe: p, outcome, regraded, detail: regraded === outcome ? detail : `${detail} REGRADE=${regraded}` };
}
