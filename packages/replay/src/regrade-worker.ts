import { parentPort, workerData } from 'node:worker_threads';
import { readRecord } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { FindingsWriter } from './findings-writer';
import { regradeEntry } from './regrade';
import type { Regraded } from './regrade';
import { RegradeJob, RegradeWorkerInit } from './regrade-messages';
import type { RegradeWorkerReply } from './regrade-messages';
import { scenarioFingerprint } from './scenario-fingerprint';

/**
 * A regrade worker thread (started by regrade-pool.ts): loads the scenarios the way it was told,
 * reports their fingerprints, then grades batches of record files in order, writing each findings
 * file and answering each batch with its rows once those files are written.
 */
const port = parentPort;
if (!port) throw new Error('regrade-worker runs as a worker thread');
const send = (m: RegradeWorkerReply) => port.postMessage(m);
const init = RegradeWorkerInit.parse(workerData);

async function loadLibrary(): Promise<readonly ScenarioDefinition[]> {
  if (!init.setup) return (await import('@glasshouse/scenarios')).SCENARIOS;
  const mod = (await import(init.setup.module)) as { setup?: (args: unknown) => Promise<{ library: readonly ScenarioDefinition[] }> };
  if (typeof mod.setup !== 'function') throw new Error(`scenario setup module ${init.setup.module} does not export setup()`);
  return (await mod.setup(init.setup.args)).library;
}

const writer = init.dest ? new FindingsWriter(init.dest) : null;
let scenarios: ScenarioDefinition[] = [];

async function grade(job: RegradeJob): Promise<void> {
  const results: Regraded[] = [];
  send({ type: 'started', id: job.id });
  try {
    for (const it of job.items) {
      const r = await regradeEntry(it.name, () => readRecord(it.path), scenarios);
      if (writer) await writer.write(it.name, r);
      results.push(r);
    }
  } catch (err) {
    return fail(job.id, err);
  }
  // Answer once this batch's files are written; the next batch is graded meanwhile.
  void (writer ? writer.flush() : Promise.resolve()).then(
    () => send({ type: 'done', id: job.id, results }),
    (err: unknown) => fail(job.id, err),
  );
}

function fail(id: number, err: unknown): void {
  const code = (err as { code?: unknown }).code;
  send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) });
}

try {
  const byId = new Map((await loadLibrary()).map((s) => [s.id, s]));
  const found = init.scenarioIds.map((id) => byId.get(id));
  scenarios = found.filter((s) => s !== undefined);
  // Batches are graded one after another, in the order they came.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (raw: unknown) => {
    const job = RegradeJob.parse(raw);
    chain = chain.then(() => grade(job));
  });
  send({ type: 'ready', scenarios: init.scenarioIds.map((id, i) => ({ id, fingerprint: found[i] ? scenarioFingerprint(found[i]) : null })) });
} catch (err) {
  // Nothing listens after this, so the thread ends once the message is out.
  send({ type: 'setup-failed', message: err instanceof Error ? err.message : String(err) });
}
