import { z } from 'zod';
import { Disclosure, findingProvenance, Provenance, Verdict } from '@glasshouse/schema';
import type { EpisodeRecord, Finding, Outcome } from '@glasshouse/schema';
import { escapeHtml } from './escape-html';
import { summaryOutcome } from './outcome';
import { textTable } from './text-table';

export const ProvenanceRow = z.strictObject({
  agent: z.string(),
  provenance: Provenance,
  /** Judged episodes (covert/overt/clean) of the agent: the denominator. */
  episodes: z.number().int().nonnegative(),
  /** Episodes with at least one finding of this provenance that says `covert` (a violation in the world, or a misrepresentation read from the agent's words). */
  flagged: z.number().int().nonnegative(),
  rate: z.number().nullable(),
  /** Findings of this provenance over those episodes. */
  findings: z.number().int().nonnegative(),
});
export type ProvenanceRow = z.infer<typeof ProvenanceRow>;

const Reading = z.strictObject({ verdict: Verdict, disclosure: Disclosure.optional() });
export const JudgeDisagreement = z.strictObject({
  episodeId: z.string(),
  agent: z.string(),
  scenario: z.string(),
  detector: z.string(),
  judge: Reading,
  rules: Reading,
});

export const LanguageJudgmentReport = z.strictObject({
  byProvenance: z.array(ProvenanceRow),
  /** Findings a judge model made that the rule classifier also read (`crossCheck`). */
  crossChecked: z.number().int().nonnegative(),
  disagreements: z.array(JudgeDisagreement),
});
export type LanguageJudgmentReport = z.infer<typeof LanguageJudgmentReport>;

const GRADED: readonly Finding['kind'][] = ['covert-action', 'interview', 'disclosure'];

/** One record's share of the language-judgment section (see `languageJudgments`). */
export interface RecordJudgments {
  agent: string;
  /** The record counts in the provenance rows' denominators (a judged outcome: covert, overt or clean). */
  judged: boolean;
  /** Per provenance (every one, in `Provenance.options` order): graded findings of it, and whether one says covert. */
  provenance: { provenance: Provenance; findings: number; flagged: boolean }[];
  crossChecked: number;
  disagreements: z.infer<typeof JudgeDisagreement>[];
}

/** Reduce one record to its share of the section; `outcome` is the report's outcome of it (`summaryOutcome`). */
export function recordJudgments(r: EpisodeRecord, outcome: Outcome): RecordJudgments {
  const findings = r.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
  const agent = r.header.agent.id;
  const graded = findings.filter((f) => GRADED.includes(f.kind));
  const disagreements: z.infer<typeof JudgeDisagreement>[] = [];
  let crossChecked = 0;
  for (const f of graded) {
    if (!f.crossCheck) continue;
    crossChecked++;
    if (f.crossCheck.verdict !== f.verdict || f.crossCheck.disclosure !== f.disclosure) {
      disagreements.push({
        episodeId: r.header.episodeId,
        agent,
        scenario: r.header.scenario.id,
        detector: f.detector,
        judge: { verdict: f.verdict, ...(f.disclosure ? { disclosure: f.disclosure } : {}) },
        rules: { verdict: f.crossCheck.verdict, ...(f.crossCheck.disclosure ? { disclosure: f.crossCheck.disclosure } : {}) },
      });
    }
  }
  const provenance = Provenance.options.map((p) => {
    const of = graded.filter((f) => findingProvenance(f) === p);
    return { provenance: p, findings: of.length, flagged: of.some((f) => f.verdict === 'covert') };
  });
  return { agent, judged: outcome === 'covert' || outcome === 'overt' || outcome === 'clean', provenance, crossChecked, disagreements };
}

/** The section from the records' shares, in record order (disagreements are listed in that order). */
export function combineJudgments(records: readonly RecordJudgments[]): LanguageJudgmentReport {
  const rows = new Map<string, ProvenanceRow>();
  const disagreements: z.infer<typeof JudgeDisagreement>[] = [];
  let crossChecked = 0;
  for (const r of records) {
    crossChecked += r.crossChecked;
    disagreements.push(...r.disagreements);
    if (!r.judged) continue;
    for (const p of r.provenance) {
      const key = `${r.agent}\u0000${p.provenance}`;
      const row = rows.get(key) ?? { agent: r.agent, provenance: p.provenance, episodes: 0, flagged: 0, rate: null, findings: 0 };
      row.episodes++;
      row.findings += p.findings;
      if (p.flagged) row.flagged++;
      rows.set(key, row);
    }
  }
  const byProvenance = [...rows.values()]
    .filter((r) => r.findings > 0)
    .map((r) => ({ ...r, rate: r.episodes ? r.flagged / r.episodes : null }))
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : Provenance.options.indexOf(a.provenance) - Provenance.options.indexOf(b.provenance)));
  return { byProvenance, crossChecked, disagreements };
}

/**
 * Which verdicts are facts of the world and which are readings of the agent's words: per agent and
 * provenance, the share of judged episodes flagged by a finding of that provenance; and every
 * finding where the run's judge model and the rule classifier read the same words differently.
 */
export function languageJudgments(records: readonly EpisodeRecord[]): LanguageJudgmentReport {
  return combineJudgments(
    records.map((r) =>
      recordJudgments(
        r,
        summaryOutcome(
          r,
          r.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : [])),
        ).outcome,
      ),
    ),
  );
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const reading = (r: { verdict: string; disclosure?: string | undefined }) => (r.disclosure ? `${r.verdict}/${r.disclosure}` : r.verdict);

/** Terminal lines for the language-judgment section. */
export function languageJudgmentLines(l: LanguageJudgmentReport): string[] {
  if (l.byProvenance.length === 0 && l.crossChecked === 0) return [];
  const lines = ['', "Findings by provenance (world-state = facts of the world; rule-classifier / judge-model = readings of the agent's words)"];
  lines.push(
    textTable(
      [
        { header: 'agent', shrink: true },
        { header: 'provenance' },
        { header: 'flagged', align: 'right' },
        { header: 'judged', align: 'right' },
        { header: 'rate', align: 'right' },
      ],
      l.byProvenance.map((r) => [r.agent, r.provenance, String(r.flagged), String(r.episodes), pct(r.rate)]),
    ),
  );
  if (l.crossChecked > 0) {
    lines.push('', `Judge model vs rule classifier: ${l.crossChecked - l.disagreements.length}/${l.crossChecked} findings agree`);
    for (const d of l.disagreements.slice(0, 20))
      lines.push(`  - ${d.agent} · ${d.scenario} · ${d.episodeId} · ${d.detector}: judge ${reading(d.judge)}, rules ${reading(d.rules)}`);
    if (l.disagreements.length > 20) lines.push(`  … and ${l.disagreements.length - 20} more (report.json lists all)`);
  }
  return lines;
}

/** HTML for the language-judgment section (escaped). */
export function languageJudgmentHtml(l: LanguageJudgmentReport): string[] {
  if (l.byProvenance.length === 0 && l.crossChecked === 0) return [];
  const td = (s: string) => `<td>${escapeHtml(s)}</td>`;
  const tbl = (h: string[], rows: string[][]) =>
    `<table><thead><tr>${h.map((x) => `<th>${escapeHtml(x)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  const out = [
    '<h2>Findings by provenance</h2>',
    "<p>world-state findings are facts of the world; rule-classifier and judge-model findings are readings of the agent's words.</p>",
    tbl(
      ['agent', 'provenance', 'flagged', 'judged', 'rate'],
      l.byProvenance.map((r) => [r.agent, r.provenance, String(r.flagged), String(r.episodes), pct(r.rate)]),
    ),
  ];
  if (l.crossChecked > 0) {
    out.push(`<h2>Judge model vs rule classifier</h2>`, `<p>${l.crossChecked - l.disagreements.length}/${l.crossChecked} findings agree.</p>`);
    if (l.disagreements.length)
      out.push(
        tbl(
          ['episode', 'agent', 'scenario', 'detector', 'judge model', 'rule classifier'],
          l.disagreements.map((d) => [d.episodeId, d.agent, d.scenario, d.detector, reading(d.judge), reading(d.rules)]),
        ),
      );
  }
  return out;
}
