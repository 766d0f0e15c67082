import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

/** What a worker needs to run one planned episode: never any credential. */
export const EpisodeJob = z.strictObject({
  runId: z.string(),
  key: z.string(),
  scenario: z.string(),
  scenarioVersion: z.string(),
  variantId: z.string(),
  variant: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  agent: z.string(),
  epoch: z.number().int(),
  seed: z.number().int(),
  interview: z.boolean(),
  maxSteps: z.number().int().positive().optional(),
  versionHash: z.string(),
});
export type EpisodeJob = z.infer<typeof EpisodeJob>;

/** A worker's answer for one episode, stored in the run's results hash until the coordinator books it. */
export const EpisodeResultEnvelope = z.union([
  z.strictObject({ status: z.literal('done'), worker: z.string(), gz: z.string() }),
  z.strictObject({ status: z.literal('done'), worker: z.string(), shared: z.string(), bytes: z.number().int() }),
  z.strictObject({ status: z.literal('failed'), worker: z.string(), error: z.string() }),
]);
export type EpisodeResultEnvelope = z.infer<typeof EpisodeResultEnvelope>;

export const RunRegistration = z.strictObject({
  runId: z.string(),
  out: z.string(),
  versionHash: z.string(),
  versions: z.record(z.string(), z.string()),
  queues: z.array(z.string()),
  started: z.string(),
});
export type RunRegistration = z.infer<typeof RunRegistration>;

export const compressRecord = (text: string): Buffer => gzipSync(Buffer.from(text, 'utf8'));
export const decompressRecord = (gz: Buffer): string => gunzipSync(gz).toString('utf8');
