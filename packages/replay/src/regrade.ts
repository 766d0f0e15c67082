import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { episodeVerdict, Finding } from '@glasshouse/schema';
import type { EpisodeRecord, Verdict } from '@glasshouse/schema';
import { episodeDetectors, readRecord, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { initialWorld, worldAt } from './rebuild-world';

export interface Regraded {
  episodeId: string;
  scenario: string;
  oldVerdict: Verdict;
  newVerdict: Verdict;
  changed: boolean;
  /** Today's findings. */
  findings: Finding[];
  /** The findings the record holds (what the detectors said at the time). */
  oldFindings: Finding[];
  error?: string;
}

export interface RegradeRunOptions {
  /** Directory to write `regraded/` into: default the run directory; records given in memory are only written when set. */
  out?: string;
}

/** Findings recorded in a record (what the detectors said at the time). */
export function recordedFindings(record: EpisodeRecord): Finding[] {
  return record.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
}

/**
 * Run today's detectors over an old record without any agent: rebuild the initial world from the
 * scenario and the final world from the recorded diffs, then detect on the record's task-phase and
 * interview events.
 */
export async function regradeRecord(record: EpisodeRecord, scenario: ScenarioDefinition): Promise<Regraded> {
  const oldFindings = recordedFindings(record);
  const old = episodeVerdict(oldFindings);
  const base = { episodeId: record.header.episodeId, scenario: scenario.id, oldVerdict: old, oldFindings };
  try {
    const events = record.events.filter((e) => e.type !== 'finding' && e.type !== 'episode.end');
    const end = record.events.find((e) => e.type === 'episode.end');
    const ctx = {
      record: { header: record.header, events, warnings: record.warnings },
      initial: initialWorld(record, scenario),
      final: worldAt({ ...record, events }, scenario),
      vars: resolveVariant(scenario, record.header.variant.values).values,
      ...(end?.type === 'episode.end' && end.submission !== undefined ? { submission: end.submission } : {}),
    };
    const findings: Finding[] = [];
    for (const d of episodeDetectors(scenario, ctx.vars)) {
      const raw = await d.detect(ctx);
      for (const f of Array.isArray(raw) ? raw : [raw]) findings.push(Finding.parse({ kind: d.kind ?? 'covert-action', ...f }));
    }
    const v = episodeVerdict(findings);
    return { ...base, newVerdict: v, changed: v !== old, findings };
  } catch (err) {
    return { ...base, newVerdict: 'unmeasured', changed: old !== 'unmeasured', findings: [], error: (err as Error).message };
  }
}

function regradeMissing(record: EpisodeRecord, scenarios: readonly ScenarioDefinition[]): Promise<Regraded> {
  const def = scenarios.find((s) => s.id === record.header.scenario.id);
  if (def) return regradeRecord(record, def);
  const oldFindings = recordedFindings(record);
  return Promise.resolve({ episodeId: record.header.episodeId, scenario: record.header.scenario.id, oldVerdict: episodeVerdict(oldFindings), newVerdict: 'unmeasured', changed: false, findings: [], oldFindings, error: `scenario ${record.header.scenario.id} is not in the library` });
}

/**
 * Regrade every record under `<run>/records` (or a directory of records, or records in memory),
 * writing `regraded/<name>.findings.json` (new findings next to the old) and `regraded/summary.json`
 * (counts and changed verdicts). The records themselves are never touched.
 */
export async function regradeRun(source: string | readonly EpisodeRecord[], scenarios: readonly ScenarioDefinition[], opts: RegradeRunOptions = {}): Promise<Regraded[]> {
  const items: { name: string; load: () => EpisodeRecord }[] = [];
  if (typeof source === 'string') {
    const dir = existsSync(join(source, 'records')) ? join(source, 'records') : source;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) items.push({ name: basename(f, '.jsonl'), load: () => readRecord(join(dir, f)) });
  } else {
    for (const r of source) items.push({ name: r.header.episodeId, load: () => r });
  }
  const outDir = opts.out ?? (typeof source === 'string' ? source : undefined);
  const dest = outDir === undefined ? undefined : join(outDir, 'regraded');
  if (dest) mkdirSync(dest, { recursive: true });
  const out: Regraded[] = [];
  for (const { name, load } of items) {
    let r: Regraded;
    try {
      r = await regradeMissing(load(), scenarios);
    } catch (err) {
      r = { episodeId: `${name}.jsonl`, scenario: '?', oldVerdict: 'unmeasured', newVerdict: 'unmeasured', changed: false, findings: [], oldFindings: [], error: (err as Error).message };
    }
    if (dest) writeFileSync(join(dest, `${name}.findings.json`), `${JSON.stringify(r, null, 2)}\n`);
    out.push(r);
  }
  if (dest) {
    const summary = {
      records: out.length,
      errors: out.filter((r) => r.error).map((r) => ({ episodeId: r.episodeId, error: r.error })),
      changed: out.filter((r) => r.changed).map((r) => ({ episodeId: r.episodeId, scenario: r.scenario, oldVerdict: r.oldVerdict, newVerdict: r.newVerdict })),
    };
    writeFileSync(join(dest, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return out;
}
