// A worker thread of `glasshouse report`: reads the record files it is sent and answers with each
// one's digest (what the report reads of it) or why it was skipped. Started by file (run-digests.ts).
import { parentPort } from 'node:worker_threads';
import { readRecord } from '@glasshouse/schema';
import { digestRecord } from '@glasshouse/report';
import type { DigestBatch, DigestReply, ReadOutcome } from './run-digests';

const port = parentPort;
if (!port) throw new Error('report-worker: start me as a worker thread');
port.on('message', (batch: DigestBatch) => {
  const results: ReadOutcome[] = batch.paths.map((path) => {
    try {
      return { digest: digestRecord(readRecord(path)) };
    } catch (err) {
      return { skipped: (err as Error).message };
    }
  });
  port.postMessage({ start: batch.start, results } satisfies DigestReply);
});
