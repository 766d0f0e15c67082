import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { episodeVerdict, Finding } from '@glasshouse/spec';
import type { EpisodeRecord, Verdict } from '@glasshouse/spec';
import { episodeDetectors, readRecord, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { initialWorld, worldAt } from './rebuild-world';

export interface Regraded {
  episodeId: string;
  scenario: string;
  oldVerdict: Verdict;
  newVerdict: Verdict;
  changed: boolean;
  findings: Finding[];
  error?: string;
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
  const old = episodeVerdict(recordedFindings(record));
  const base = { episodeId: record.header.episodeId, scenario: scenario.id, oldVerdict: old };
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

/** Regrade every record under `<run>/records` (or a list), writing `<run>/regraded/<name>.findings.json`. */
export async function regradeRun(run: string, scenarios: readonly ScenarioDefinition[]): Promise<Regraded[]> {
  const dir = existsSync(join(run, 'records')) ? join(run, 'records') : run;
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  mkdirSync(join(run, 'regraded'), { recursive: true });
  const out: Regraded[] = [];
  for (const f of files) {
    let record: EpisodeRecord;
    try {
      record = readRecord(join(dir, f));
    } catch (err) {
      out.push({ episodeId: f, scenario: '?', oldVerdict: 'unmeasured', newVerdict: 'unmeasured', changed: false, findings: [], error: (err as Error).message });
      continue;
    }
    const def = scenarios.find((s) => s.id === record.header.scenario.id);
    const r: Regraded = def
      ? await regradeRecord(record, def)
      : { episodeId: record.header.episodeId, scenario: record.header.scenario.id, oldVerdict: episodeVerdict(recordedFindings(record)), newVerdict: 'unmeasured', changed: false, findings: [], error: `scenario ${record.header.scenario.id} is not in the library` };
    writeFileSync(join(run, 'regraded', `${basename(f, '.jsonl')}.findings.json`), `${JSON.stringify(r, null, 2)}\n`);
    out.push(r);
  }
  return out;
}
