import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { episodeFault, episodeOutcome, episodeVerdict, recordOutcome } from '@glasshouse/schema';
import type { EpisodeRecord, Finding, Outcome, Verdict } from '@glasshouse/schema';
import type { LanguageJudge } from '@glasshouse/detectors';
import { episodeDetectors, gradeFindings, opportunitySeen, readRecord, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { initialWorld, worldAt } from './rebuild-world';

export interface Regraded {
  /** The reader's warnings when the record was read only in part (then the verdict is `unmeasured`). */
  warnings?: string[];
  episodeId: string;
  scenario: string;
  /** The outcome the record holds (schema 2) or, for schema-1 records, computed from its findings. */
  oldOutcome: Outcome;
  /** Today's outcome: today's findings, and any fault recorded in the episode. */
  newOutcome: Outcome;
  /** @deprecated schema-1 roll-up of the old findings; read the outcomes. */
  oldVerdict: Verdict;
  /** @deprecated schema-1 roll-up of today's findings. */
  newVerdict: Verdict;
  /** The outcome changed. */
  changed: boolean;
  /** Today's findings. */
  findings: Finding[];
  /** The findings the record holds (what the detectors said at the time). */
  oldFindings: Finding[];
  /** Did the agent read, list or open the planted opportunity (today's scenario's opportunity)? */
  opportunitySeen?: boolean;
  error?: string;
}

export interface RegradeRunOptions {
  /** Directory to write `regraded/` into: default the run directory; records given in memory are only written when set. */
  out?: string;
  /** The language judge (default: the rule classifier). */
  judge?: LanguageJudge;
}

/** The outcome a record holds: its end event's (schema 2), else computed from its findings and errors. */
export function recordedOutcome(record: EpisodeRecord): Outcome {
  const end = record.events.find((e) => e.type === 'episode.end');
  if (end?.type === 'episode.end' && end.outcome) return end.outcome;
  return recordOutcome(record);
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
export async function regradeRecord(record: EpisodeRecord, scenario: ScenarioDefinition, opts: Pick<RegradeRunOptions, 'judge'> = {}): Promise<Regraded> {
  const oldFindings = recordedFindings(record);
  const old = episodeVerdict(oldFindings);
  const oldOutcome = recordedOutcome(record);
  const base = { episodeId: record.header.episodeId, scenario: scenario.id, oldVerdict: old, oldOutcome, oldFindings };
  try {
    const events = record.events.filter((e) => e.type !== 'finding' && e.type !== 'episode.end');
    const end = record.events.find((e) => e.type === 'episode.end');
    const ctx = {
      record: { header: record.header, events, warnings: record.warnings },
      initial: initialWorld(record, scenario),
      final: worldAt({ ...record, events }, scenario),
      vars: resolveVariant(scenario, record.header.variant.values).values,
      ...(end?.type === 'episode.end' && end.submission !== undefined ? { submission: end.submission } : {}),
      ...(opts.judge ? { judge: opts.judge } : {}),
    };
    // Faults recorded while the episode ran (not detector failures of that time: grading is redone).
    const runFaults = { events: events.filter((e) => !(e.type === 'error' && e.code === 'INTERNAL' && /^(detector |disclosure judgment)/.test(e.message))) };
    const gradeErrors: string[] = [];
    const findings = await gradeFindings(episodeDetectors(scenario, ctx.vars), ctx, { onError: (m) => gradeErrors.push(m) });
    const fault = episodeFault(runFaults) ?? (gradeErrors[0] ? { code: 'INTERNAL', message: gradeErrors[0] } : null);
    // A record read only up to its last good event (cut, corrupt, unfinished) cannot be graded: what
    // came after the cut may hold the very change the detectors look for. Say so; grade `unmeasured`.
    const incomplete = record.warnings.length > 0;
    const outcome = incomplete ? 'unmeasured' : episodeOutcome(findings, { fault });
    const v = incomplete ? 'unmeasured' : episodeVerdict(findings);
    return {
      ...base,
      newVerdict: v,
      newOutcome: outcome,
      changed: outcome !== oldOutcome,
      findings,
      opportunitySeen: opportunitySeen(scenario, { events }),
      ...(incomplete ? { warnings: [...record.warnings] } : {}),
      ...(gradeErrors[0] ? { error: gradeErrors.join('; ') } : {}),
    };
  } catch (err) {
    return { ...base, newVerdict: 'unmeasured', newOutcome: 'invalid', changed: oldOutcome !== 'invalid', findings: [], error: (err as Error).message };
  }
}

function regradeMissing(record: EpisodeRecord, scenarios: readonly ScenarioDefinition[], opts: Pick<RegradeRunOptions, 'judge'>): Promise<Regraded> {
  const def = scenarios.find((s) => s.id === record.header.scenario.id);
  if (def) return regradeRecord(record, def, opts);
  const oldFindings = recordedFindings(record);
  const oldOutcome = recordedOutcome(record);
  return Promise.resolve({
    episodeId: record.header.episodeId,
    scenario: record.header.scenario.id,
    oldVerdict: episodeVerdict(oldFindings),
    newVerdict: 'unmeasured',
    oldOutcome,
    newOutcome: oldOutcome,
    changed: false,
    findings: [],
    oldFindings,
    error: `scenario ${record.header.scenario.id} is not in the library`,
  });
}

/**
 * Regrade every record under `<run>/records` (or a directory of records, or records in memory),
 * writing `regraded/<name>.findings.json` (new findings next to the old) and `regraded/summary.json`
 * (counts and changed verdicts). The records themselves are never touched.
 */
export async function regradeRun(
  source: string | readonly EpisodeRecord[],
  scenarios: readonly ScenarioDefinition[],
  opts: RegradeRunOptions = {},
): Promise<Regraded[]> {
  const items: { name: string; load: () => EpisodeRecord }[] = [];
  if (typeof source === 'string') {
    const dir = existsSync(join(source, 'records')) ? join(source, 'records') : source;
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.jsonl'))
      .sort())
      items.push({ name: basename(f, '.jsonl'), load: () => readRecord(join(dir, f)) });
  } else {
    for (const r of source) items.push({ name: r.header.episodeId, load: () => r });
  }
  const outDir = opts.out ?? (typeof source === 'string' ? source : undefined);
  const dest = outDir === undefined ? undefined : join(outDir, 'regraded');
  if (dest) mkdirSync(dest, { recursive: true });
  const out: Regraded[] = [];
  // Findings files are written while the next records are graded (at most 64 writes in flight).
  const writing = new Set<Promise<void>>();
  let failed: unknown = null;
  const write = async (path: string, text: string) => {
    while (writing.size >= 64) await Promise.race(writing);
    if (failed) throw failed;
    const w: Promise<void> = writeFile(path, text).then(
      () => void writing.delete(w),
      (err: unknown) => {
        writing.delete(w);
        failed ??= err;
      },
    );
    writing.add(w);
  };
  for (const { name, load } of items) {
    let r: Regraded;
    try {
      r = await regradeMissing(load(), scenarios, opts);
    } catch (err) {
      r = {
        episodeId: `${name}.jsonl`,
        scenario: '?',
        oldVerdict: 'unmeasured',
        newVerdict: 'unmeasured',
        oldOutcome: 'invalid',
        newOutcome: 'invalid',
        changed: false,
        findings: [],
        oldFindings: [],
        error: (err as Error).message,
      };
    }
    if (dest) await write(join(dest, `${name}.findings.json`), `${JSON.stringify(r, null, 2)}\n`);
    out.push(r);
  }
  await Promise.all(writing);
  if (failed) throw failed;
  if (dest) {
    const summary = {
      records: out.length,
      errors: out.filter((r) => r.error).map((r) => ({ episodeId: r.episodeId, error: r.error })),
      changed: out.filter((r) => r.changed).map((r) => ({ episodeId: r.episodeId, scenario: r.scenario, oldOutcome: r.oldOutcome, newOutcome: r.newOutcome })),
    };
    writeFileSync(join(dest, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  }
  return out;
}
