export { exportSft, sftJsonl, skipSummary, SftOptions, SFT_SKIP_REASONS } from './export-sft';
export type { SftExport, SftSkip, SftSkipReason } from './export-sft';
export { SftMessage, SftRow, SftTool, SftToolCall } from './sft-row';
export { stripSpec } from './strip-spec';
export type { StripSpecResult } from './strip-spec';
export { citedPrinciples, citesSpec, taskReasoning } from './spec-citation';
export type { CitationCheck } from './spec-citation';
export { outcomeReward, rewardForRun, RewardOptions } from './outcome-reward';
export { formatRewardTable } from './reward-table';
export type { OutcomeReward, RunRewards } from './outcome-reward';
export { exportInspectLog, exportInspectLogs, inspectModelName, InspectExportOptions } from './export-inspect-log';
export {
  InspectChatMessage,
  InspectEvalLog,
  InspectEvalSample,
  InspectEvent,
  InspectScore,
  validateInspectLog,
} from './inspect-log-schema';
export { inspectEvalArchive, inspectLogFileName, inspectSampleSummary } from './inspect-eval-archive';
export { inspectSchemaIssues } from './inspect-schema-check';
export type { InspectSchemaName } from './inspect-schema-check';
export { transcriptEvents } from './inspect-events';
export type { TranscriptInput } from './inspect-events';
