import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { episodeFault, episodeOutcome, episodeVerdict, recordOutcome } from '@glasshouse/schema';
import type { EpisodeRecord, Finding, Outcome, Verdict } from '@glasshouse/schema';
import type { LanguageJudge } from '@glasshouse/detectors';
import { episodeDetectors, gradeFindings, opportunitySeen, readRecord, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { initialWorld, worldAt } from './rebuild-world';
import { FindingsWriter } from './findings-writer';
import { unreadableRow } from './regrade-rows';
import { planRegrade, regradeInWorkers } from './regrade-pool';
import type { ScenarioSetupRef } from './regrade-messages';

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
  /** The language judge (default: the rule classifier). A judge model is only used in this thread (see `workers`). */
  judge?: LanguageJudge;
  /**
   * Graders at once for a run directory: this thread plus `workers − 1` worker threads (0 or 1: this
   * thread only). Default: the machine's available parallelism (at most REGRADE_MAX_WORKERS) for runs
   * of at least REGRADE_MIN_RECORDS records, this thread only below. Worker threads are only used for
   * record files (not records in memory), with the rule classifier as judge, and when they can load
   * the very scenarios given here (the library's own objects, or `scenarioSetup`, checked by
   * fingerprint); otherwise everything is graded in this thread and `onNote` says why. The outputs
   * are the same either way, byte for byte.
   */
  workers?: number;
  /** How worker threads load `scenarios` when they are not (all) the library's own objects: a module exporting `setup(args)` → `{ library }`. */
  scenarioSetup?: ScenarioSetupRef;
  /**
   * With worker threads: this thread grades batches too (default). False leaves all grading to
   * `workers` threads (this thread only hands out batches and writes the summary), e.g. in a server
   * whose event loop must stay free; it still grades what no worker could take.
   */
  mainThreadGrades?: boolean;
  /** How the records were split (worker threads started, or why not; a worker that crashed). */
  onNote?: (message: string) => void;
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

/** The row of a record whose scenario the library does not hold: ungraded, its recorded outcome kept. */
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
 * One record of a run, regraded: `load` reads it (a record that cannot be read becomes an error
 * row named after its file), and a record whose scenario is not in `scenarios` keeps its outcome.
 * What `regradeRun` does for each record, in this thread or in a worker.
 */
export async function regradeEntry(
  name: string,
  load: () => EpisodeRecord,
  scenarios: readonly ScenarioDefinition[],
  opts: Pick<RegradeRunOptions, 'judge'> = {},
): Promise<Regraded> {
  try {
    return await regradeMissing(load(), scenarios, opts);
  } catch (err) {
    return unreadableRow(name, (err as Error).message);
  }
}

/** A record of a run: its file (name without `.jsonl`), and its path or the record itself. */
type RunEntry = { name: string; path: string } | { name: string; record: EpisodeRecord };

function entriesOf(source: string | readonly EpisodeRecord[]): RunEntry[] {
  if (typeof source !== 'string') return source.map((r) => ({ name: r.header.episodeId, record: r }));
  const dir = existsSync(join(source, 'records')) ? join(source, 'records') : source;
  return readdirSync(dir)
    .filter((x) => x.endsWith('.jsonl'))
    .sort()
    .map((f) => ({ name: basename(f, '.jsonl'), path: join(dir, f) }));
}

/**
 * Regrade every record under `<run>/records` (or a directory of records, or records in memory),
 * writing `regraded/<name>.findings.json` (new findings next to the old) and `regraded/summary.json`
 * (counts and changed verdicts). The records themselves are never touched. A big run directory is
 * shared out to worker threads (see `workers`); rows come back in record order either way.
 */
export async function regradeRun(
  source: string | readonly EpisodeRecord[],
  scenarios: readonly ScenarioDefinition[],
  opts: RegradeRunOptions = {},
): Promise<Regraded[]> {
  const entries = entriesOf(source);
  const outDir = opts.out ?? (typeof source === 'string' ? source : undefined);
  const dest = outDir === undefined ? undefined : join(outDir, 'regraded');
  if (dest) mkdirSync(dest, { recursive: true });
  const writer = dest ? new FindingsWriter(dest) : null;
  const gradeHere = async (e: RunEntry): Promise<Regraded> => {
    const r = await regradeEntry(e.name, 'record' in e ? () => e.record : () => readRecord(e.path), scenarios, opts);
    if (writer) await writer.write(e.name, r);
    return r;
  };
  const files = entries.every((e) => 'path' in e) ? (entries as { name: string; path: string }[]) : null;
  const plan = planRegrade({ records: entries.length, files: files !== null, scenarios, ...opts });
  if (plan.note) opts.onNote?.(plan.note);
  let out: Regraded[];
  if (files && plan.threads > 0) {
    out = await regradeInWorkers({
      items: files.map((f, index) => ({ index, name: f.name, path: f.path })),
      threads: plan.threads,
      scenarios,
      setup: opts.scenarioSetup ?? null,
      dest: dest ?? null,
      gradeHere,
      writeHere: async (item, row) => {
        if (writer) await writer.write(item.name, row);
      },
      ...(opts.mainThreadGrades !== undefined ? { mainThreadGrades: opts.mainThreadGrades } : {}),
      ...(opts.onNote ? { onNote: opts.onNote } : {}),
    });
  } else {
    out = [];
    for (const e of entries) out.push(await gradeHere(e));
  }
  await writer?.flush();
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
