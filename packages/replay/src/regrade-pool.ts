import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GlasshouseError } from '@glasshouse/schema';
import { ruleJudge } from '@glasshouse/detectors';
import type { LanguageJudge } from '@glasshouse/detectors';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import type { Regraded } from './regrade';
import { unreadableRow } from './regrade-rows';
import { RegradeWorkerReply } from './regrade-messages';
import type { RegradeItem, RegradeJob, RegradeWorkerInit, ScenarioSetupRef } from './regrade-messages';
import { scenarioFingerprint } from './scenario-fingerprint';

/**
 * Below this many records a run is graded in this thread only (unless `workers` is given): a worker
 * thread is ready ≈ 0.25 s of CPU after it starts (built package; ≈ 1 s under tsx), by when this thread
 * has graded ≈ 500 records (≈ 0.5 ms each); at 1,000 records it saves ≈ 20 % of the wall on two idle
 * cores (docs/benchmarks.md, "Regrade in worker threads").
 */
export const REGRADE_MIN_RECORDS = 1000;
/** The most graders `workers` defaults to, however many cores the machine has. */
export const REGRADE_MAX_WORKERS = 8;

/** A worker crashing on the same record twice: that record is reported as an error, not retried again. */
const MAX_CRASHES_PER_RECORD = 2;
/** Replacement workers started over a whole run (crashes beyond this are graded as errors or here). */
const MAX_RESPAWNS = 8;

export interface RegradePlan {
  /** Worker threads to start besides this thread (0: grade here only). */
  threads: number;
  /** Why no threads, or how many. */
  note?: string;
}

/** How many worker threads a regrade uses, and why not more. */
export function planRegrade(o: {
  records: number;
  /** The records are files (workers read them); records in memory are graded here. */
  files: boolean;
  scenarios: readonly ScenarioDefinition[];
  judge?: LanguageJudge;
  workers?: number;
  scenarioSetup?: ScenarioSetupRef;
  mainThreadGrades?: boolean;
}): RegradePlan {
  const asked = o.workers;
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 0))
    throw new GlasshouseError('CONFIG_INVALID', `workers must be a whole number ≥ 0, got ${String(asked)}`);
  // The default pays worker start-up only where it is won back; an explicit count is taken as asked.
  if (asked === undefined && o.records < REGRADE_MIN_RECORDS) return { threads: 0 };
  const workers = asked ?? Math.min(availableParallelism(), REGRADE_MAX_WORKERS);
  const here = o.mainThreadGrades ?? true;
  const threads = Math.min(here ? workers - 1 : workers, here ? o.records - 1 : o.records);
  if (threads <= 0) return { threads: 0 };
  const only = (why: string): RegradePlan => ({ threads: 0, note: `regrading ${o.records} records in this thread only: ${why}` });
  if (!o.files) return only('records given in memory are not handed to worker threads');
  if (o.judge && o.judge !== ruleJudge) return only(`the language judge '${o.judge.id}' cannot be handed to worker threads (only the rule classifier can)`);
  if (!o.scenarioSetup) {
    const library = new Set<unknown>(SCENARIOS);
    const own = o.scenarios.filter((s) => !library.has(s)).map((s) => s.id);
    if (own.length)
      return only(
        `${own.join(', ')} ${own.length > 1 ? 'are' : 'is'} not the library's own; pass scenarioSetup to load ${own.length > 1 ? 'them' : 'it'} in workers`,
      );
  }
  return { threads, note: `regrading ${o.records} records in ${here ? 'this thread and ' : ''}${threads} worker thread${threads > 1 ? 's' : ''}` };
}

/** The worker entry, beside this module (source: .ts under tsx; the published bundle: .mjs). */
function workerEntry(): { url: URL; execArgv?: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(`./regrade-worker${ts ? '.ts' : '.mjs'}`, import.meta.url);
  return ts ? { url, execArgv: ['--import', import.meta.resolve('tsx')] } : { url };
}

interface Job {
  id: number;
  items: RegradeItem[];
}

interface Lane {
  worker: Worker;
  ready: boolean;
  /** Jobs sent and not answered, by id. */
  inFlight: Map<number, Job>;
  /** The job it said it began last. */
  running: number | null;
  gone: boolean;
}

/**
 * Grade a run's record files in this thread and `threads` worker threads at once. Records go out in
 * batches from one queue; each worker reads its records, grades them with the same scenarios (proved
 * by fingerprint before it gets any), writes their findings files and sends the rows back. Rows are
 * put back in record order. A worker that cannot load the scenarios is dropped (this thread grades
 * its share). A worker that dies mid-batch is replaced and that batch's records are retried one per
 * batch; a record that kills a worker twice becomes an error row naming the crash, so a crash never
 * loses or invents a verdict.
 */
export async function regradeInWorkers(o: {
  items: readonly RegradeItem[];
  threads: number;
  scenarios: readonly ScenarioDefinition[];
  setup: ScenarioSetupRef | null;
  dest: string | null;
  /** Grade (and write) one record in this thread. */
  gradeHere: (item: RegradeItem) => Promise<Regraded>;
  /** Write the findings file of a row made here (a record no worker could grade). */
  writeHere: (item: RegradeItem, row: Regraded) => Promise<void>;
  /** This thread grades batches too (default); false: only when no worker is left. */
  mainThreadGrades?: boolean;
  onNote?: (message: string) => void;
}): Promise<Regraded[]> {
  const results: (Regraded | undefined)[] = new Array(o.items.length);
  const crashes = new Map<number, number>();
  const here = o.mainThreadGrades ?? true;
  const lanesWanted = o.threads + (here ? 1 : 0);
  const size = Math.max(4, Math.min(64, Math.ceil(o.items.length / (lanesWanted * 16))));
  const queue: Job[] = [];
  let nextId = 0;
  for (let i = 0; i < o.items.length; i += size) queue.push({ id: nextId++, items: o.items.slice(i, i + size) });
  const expected = o.scenarios.map((s) => ({ id: s.id, fingerprint: scenarioFingerprint(s) }));
  const init: RegradeWorkerInit = { setup: o.setup, scenarioIds: o.scenarios.map((s) => s.id), dest: o.dest };
  const entry = workerEntry();
  const lanes = new Set<Lane>();
  let respawns = 0;
  let fatal: unknown = null;
  let wake: () => void = () => {};
  const changed = () => wake();

  let settled = 0;
  let byWorkers = 0;
  const settle = (item: RegradeItem, r: Regraded) => {
    if (results[item.index] !== undefined) return;
    results[item.index] = r;
    settled++;
  };
  const writes: Promise<void>[] = [];
  /** A row no worker could make (the record stopped workers twice): it gets its findings file like any other. */
  const giveUp = (item: RegradeItem, error: string) => {
    const row = unreadableRow(item.name, error);
    settle(item, row);
    writes.push(o.writeHere(item, row).catch((err: unknown) => void (fatal ??= err)));
  };

  const feed = (lane: Lane) => {
    // Two batches per worker: one it grades, one waiting, so it never idles on a round trip.
    while (lane.ready && !lane.gone && lane.inFlight.size < 2) {
      const job = queue.shift();
      if (!job) return;
      lane.inFlight.set(job.id, job);
      lane.worker.postMessage({ type: 'job', id: job.id, items: job.items } satisfies RegradeJob);
    }
  };

  const drop = (lane: Lane, why: string, crashed: boolean) => {
    if (lane.gone) return;
    lane.gone = true;
    lanes.delete(lane);
    void lane.worker.terminate();
    const open = (j: Job) => ({ ...j, items: j.items.filter((it) => results[it.index] === undefined) });
    // The batch it was grading when it stopped holds the record that stopped it; the others it had not begun (or had graded).
    const running = crashed && lane.running !== null ? lane.inFlight.get(lane.running) : undefined;
    const waiting = [...lane.inFlight.values()]
      .filter((j) => j !== running)
      .map(open)
      .filter((j) => j.items.length);
    const suspects = running ? open(running).items : [];
    lane.inFlight.clear();
    queue.unshift(...waiting);
    if (suspects.length) {
      o.onNote?.(`a regrade worker stopped (${why}) while grading ${suspects.length} records: retrying them one at a time`);
      const retry: Job[] = [];
      for (const it of suspects) {
        const n = (crashes.get(it.index) ?? 0) + 1;
        crashes.set(it.index, n);
        if (n >= MAX_CRASHES_PER_RECORD) giveUp(it, `not regraded: a regrade worker stopped while grading this record, twice (${why})`);
        else retry.push({ id: nextId++, items: [it] });
      }
      queue.unshift(...retry);
    } else if (!crashed) o.onNote?.(`a regrade worker was not used: ${why}`);
    if (crashed && queue.length && respawns < MAX_RESPAWNS) {
      respawns++;
      start();
    }
    changed();
  };

  const start = () => {
    const worker = new Worker(entry.url, { workerData: init, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
    const lane: Lane = { worker, ready: false, inFlight: new Map(), running: null, gone: false };
    lanes.add(lane);
    worker.on('message', (raw: unknown) => {
      const parsed = RegradeWorkerReply.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return drop(lane, `it sent a malformed reply (${issue?.path.join('.') || '(root)'}: ${issue?.message})`, true);
      }
      // The rows as the worker built them (the structured clone keeps their key order); the schema checked them.
      const m = raw as RegradeWorkerReply;
      if (m.type === 'ready') {
        const bad = expected.filter((e, i) => m.scenarios[i]?.id !== e.id || m.scenarios[i]?.fingerprint !== e.fingerprint).map((e) => e.id);
        if (bad.length) return drop(lane, `it loaded different definitions of ${bad.join(', ')} than this process`, false);
        lane.ready = true;
        feed(lane);
      } else if (m.type === 'started') lane.running = m.id;
      else if (m.type === 'setup-failed') drop(lane, `it could not load the scenarios: ${m.message}`, false);
      else if (m.type === 'failed') {
        fatal ??= new GlasshouseError('INTERNAL', `regrade worker: ${m.message}`, m.code ? { code: m.code } : undefined);
        changed();
      } else {
        const job = lane.inFlight.get(m.id);
        if (!job || m.results.length !== job.items.length) return drop(lane, `it answered batch ${m.id} with ${m.results.length} rows`, true);
        lane.inFlight.delete(m.id);
        for (const [i, it] of job.items.entries()) settle(it, m.results[i] as Regraded);
        byWorkers += job.items.length;
        feed(lane);
        changed();
      }
    });
    worker.on('error', (err) => drop(lane, err.message, lane.ready));
    worker.on('exit', (code) => drop(lane, `exit code ${code}`, lane.ready));
  };

  for (let i = 0; i < o.threads; i++) start();
  try {
    // This thread is a grader too (or the last one left): it takes the next batch whenever the workers have theirs.
    for (;;) {
      if (fatal) throw fatal;
      for (const lane of lanes) feed(lane);
      if (settled === results.length) break;
      const job = here || lanes.size === 0 ? queue.find((j) => j.items.every((it) => !crashes.has(it.index))) : undefined;
      if (job) {
        queue.splice(queue.indexOf(job), 1);
        for (const it of job.items) settle(it, await o.gradeHere(it));
        // Let worker replies and findings writes in before the next batch.
        await new Promise<void>((res) => setImmediate(res));
        continue;
      }
      if (lanes.size === 0) {
        // No worker left for records that crashed one: say so rather than risk this process on them.
        for (const j of queue.splice(0))
          for (const it of j.items) giveUp(it, 'not regraded: a regrade worker stopped while grading this record and no worker was left to retry it');
        continue;
      }
      await new Promise<void>((res) => {
        wake = res;
      });
    }
    await Promise.all(writes);
    if (fatal) throw fatal;
    o.onNote?.(`worker threads graded ${byWorkers} of ${results.length} records`);
  } finally {
    await Promise.all([...lanes].map((l) => ((l.gone = true), l.worker.terminate())));
  }
  return results as Regraded[];
}
