export { episodeJob, queueBackend } from './coordinator';
export type { QueueBackendOptions } from './coordinator';
export { startQueueWorker } from './worker';
export type { QueueWorkerHandle, QueueWorkerOptions } from './worker';
export { parseProviderLimits } from './provider-limits';
export type { ProviderLimit } from './provider-limits';
export { compressRecord, decompressRecord, EpisodeJob, EpisodeResultEnvelope, RunRegistration } from './job-data';
export { jobIdOf, providerOf, queueName, resultsKey, RUNS_KEY, versionHash } from './queue-names';
export { connectRedis } from './redis-connect';
