export { recordedAgent, recordedTurns } from './recorded-agent';
export { replayRecord } from './replay-record';
export type { Divergence, ReplayResult } from './replay-record';
export { applyEvent, initialWorld, worldAt } from './rebuild-world';
export { recordedFindings, regradeRecord, regradeRun } from './regrade';
export type { Regraded } from './regrade';
