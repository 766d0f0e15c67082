import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GlasshouseError, readRecord } from '@glasshouse/schema';
import { digestRecord, type RecordDigest } from '@glasshouse/report';

/** One record file read: its digest, or why it was skipped (the message `readRecords` gives). */
export type ReadOutcome = { digest: RecordDigest } | { skipped: string };
/** Work for a report worker: record files from index `start` of the run's list. */
export interface DigestBatch {
  start: number;
  paths: readonly string[];
}
export interface DigestReply {
  start: number;
  results: ReadOutcome[];
}

export interface RunDigests {
  /** The readable records' digests, in the order of the paths given. */
  digests: RecordDigest[];
  /** Unreadable records (no header, a bad header, a newer schema), as `readRecords` skips them. */
  skipped: { path: string; message: string }[];
}

export interface ReadDigestsOptions {
  /** Worker threads; 0 reads in this thread. Default: one per core when the run is large enough to pay for them. */
  workers?: number;
}

/** Below this many records, starting workers costs more than it saves. */
const WORKER_MIN_RECORDS = 400;
const BATCH = 64;

function collect(paths: readonly string[], outcomes: readonly ReadOutcome[]): RunDigests {
  const digests: RecordDigest[] = [];
  const skipped: { path: string; message: string }[] = [];
  outcomes.forEach((o, i) => {
    if ('digest' in o) digests.push(o.digest);
    else skipped.push({ path: paths[i] as string, message: o.skipped });
  });
  return { digests, skipped };
}

function readHere(paths: readonly string[]): ReadOutcome[] {
  return paths.map((path) => {
    try {
      return { digest: digestRecord(readRecord(path)) };
    } catch (err) {
      return { skipped: (err as Error).message };
    }
  });
}

async function readInWorkers(paths: readonly string[], workers: number): Promise<ReadOutcome[]> {
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(`./report-worker${source ? '.ts' : '.mjs'}`, import.meta.url);
  const outcomes: ReadOutcome[] = new Array(paths.length);
  let next = 0;
  const pool = Array.from(
    { length: workers },
    () => new Worker(entry, { execArgv: source ? ['--import', import.meta.resolve('tsx')] : [], stdout: false, stderr: false }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= paths.length) return resolve();
              const start = next;
              next = Math.min(paths.length, next + BATCH);
              worker.postMessage({ start, paths: paths.slice(start, next) } satisfies DigestBatch);
            };
            worker.on('message', (reply: DigestReply) => {
              reply.results.forEach((r, i) => {
                outcomes[reply.start + i] = r;
              });
              send();
            });
            worker.on('error', (err) => reject(new GlasshouseError('INTERNAL', `report worker failed: ${err.message}`)));
            worker.on('exit', (code) => reject(new GlasshouseError('INTERNAL', `report worker exited (code ${code}) before the run was read`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}

/**
 * Read a run's record files into their digests (`digestRecord`: what the report reads of each), as
 * `readRecords` reads them (same validation, same warnings, same skipped files and messages), but
 * never holding the run's events: each record is reduced as soon as it is read. Large runs are read
 * by worker threads, one per core, in batches; the digests come back in the order of `paths`.
 */
export async function readRunDigests(paths: readonly string[], options: ReadDigestsOptions = {}): Promise<RunDigests> {
  const workers = Math.min(options.workers ?? (paths.length >= WORKER_MIN_RECORDS ? availableParallelism() : 0), Math.ceil(paths.length / BATCH));
  return collect(paths, workers > 0 ? await readInWorkers(paths, workers) : readHere(paths));
}
