import { z } from 'zod';
import { Finding, Outcome, Verdict } from '@glasshouse/schema';
import type { Regraded } from './regrade';

/**
 * What crosses between `regradeRun` and its worker threads. Records never cross: a worker reads
 * each record file itself (with the same reader), grades it, writes its findings file, and sends
 * back the `Regraded` row, which this process checks against `RegradedRow` before it counts it.
 */

/** One regraded record, as `regradeRecord` (or an error row) gives it. */
export const RegradedRow = z.strictObject({
  warnings: z.array(z.string()).optional(),
  episodeId: z.string(),
  scenario: z.string(),
  oldOutcome: Outcome,
  newOutcome: Outcome,
  oldVerdict: Verdict,
  newVerdict: Verdict,
  changed: z.boolean(),
  findings: z.array(Finding),
  oldFindings: z.array(Finding),
  opportunitySeen: z.boolean().optional(),
  error: z.string().optional(),
});
// The schema and the documented interface describe the same row.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _rowMatches: Same<z.output<typeof RegradedRow>, Regraded> = true;
void _rowMatches;

/** How a worker loads the scenario library: a module exporting `setup(args)` → `{ library }`, or the built-in library. */
export const ScenarioSetupRef = z.strictObject({
  /** Module specifier or file URL, resolvable from the worker. */
  module: z.string().min(1),
  /** JSON handed to `setup` (e.g. the paths of external scenario files). */
  args: z.unknown().optional(),
});
export type ScenarioSetupRef = z.infer<typeof ScenarioSetupRef>;

/** A worker's start-up data. */
export const RegradeWorkerInit = z.strictObject({
  /** null: the built-in library (`@glasshouse/scenarios`). */
  setup: ScenarioSetupRef.nullable(),
  /** The scenario ids this process grades with, in its order: the worker grades with exactly these. */
  scenarioIds: z.array(z.string()),
  /** Where findings files go (`<out>/regraded`), or null to write none. */
  dest: z.string().nullable(),
});
export type RegradeWorkerInit = z.infer<typeof RegradeWorkerInit>;

/** One record file to grade: its position in the run, its name (file name without `.jsonl`), its path. */
export const RegradeItem = z.strictObject({ index: z.int().nonnegative(), name: z.string().min(1), path: z.string().min(1) });
export type RegradeItem = z.infer<typeof RegradeItem>;

/** A batch of records for one worker. */
export const RegradeJob = z.strictObject({ type: z.literal('job'), id: z.int().nonnegative(), items: z.array(RegradeItem).min(1) });
export type RegradeJob = z.infer<typeof RegradeJob>;

export const RegradeWorkerReply = z.discriminatedUnion('type', [
  /** Loaded: the digest of each scenario it will grade with (see scenarioFingerprint), in the order asked for. */
  z.strictObject({ type: z.literal('ready'), scenarios: z.array(z.strictObject({ id: z.string(), fingerprint: z.string().nullable() })) }),
  /** Began grading a batch (batches are graded one at a time, in the order sent). */
  z.strictObject({ type: z.literal('started'), id: z.int().nonnegative() }),
  /** Could not load its scenarios. */
  z.strictObject({ type: z.literal('setup-failed'), message: z.string() }),
  /** A job's rows, in the job's order, each written to its findings file before this was sent. */
  z.strictObject({ type: z.literal('done'), id: z.int().nonnegative(), results: z.array(RegradedRow) }),
  /** A job that could not finish (a findings file could not be written). */
  z.strictObject({ type: z.literal('failed'), id: z.int().nonnegative(), message: z.string(), code: z.string().optional() }),
]);
export type RegradeWorkerReply = z.infer<typeof RegradeWorkerReply>;
