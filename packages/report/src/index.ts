export { betaInterval, BetaIntervalOptions } from './beta-interval';
export type { BetaInterval } from './beta-interval';
export { betaDensity, betaQuantile, logBeta, logGamma, regularizedIncompleteBeta } from './incomplete-beta';
export { clopperPearson, proportionInterval, wilson } from './binomial-interval';
export type { IntervalMethod, ProportionInterval } from './binomial-interval';
export { chiSquareSf, normalQuantile, regularizedGammaQ } from './normal';
export { fisherExact } from './fisher-exact';
export type { FisherExactResult } from './fisher-exact';
export { cochranMantelHaenszel } from './cmh';
export type { CmhResult, Stratum2x2 } from './cmh';
export { bootstrapMean, bootstrapPairedDifference } from './bootstrap';
export type { BootstrapInterval } from './bootstrap';
export { permutationTest } from './permutation-test';
export { permutationSumDistribution } from './permutation-distribution';
export type { PermutationTestResult } from './permutation-test';
export { passHatK } from './pass-hat-k';
export type { TaskAttempts } from './pass-hat-k';
export { summaryOutcome } from './outcome';
export { summarizeEpisode } from './episode-summary';
export type { ControlOf } from './episode-summary';
export { summarizeDigests, summarizeRecords } from './summarize-records';
export { digestRecord } from './record-digest';
export type { RecordDigest } from './record-digest';
export { binomialUpperTail, pairedTests } from './paired-test';
export type { PairedRuleOf, PairedRuleSpec } from './paired-test';
export { finishSummary, prepareSummary, runSummaryTask, summaryFrame, summaryTasks, taskEpisodes } from './summary-tasks';
export type { PreparedSummary, SummarizeContext, SummaryFrame, SummaryPart, SummaryTask } from './summary-tasks';
export { compareRunDigests, compareRunRecords } from './compare-runs';
export {
  AgentReport,
  Cell,
  Comparison,
  ControlGap,
  EpisodeSummary,
  KPoint,
  MacroDifference,
  MacroRate,
  MetricComparison,
  MetricName,
  OutcomeCounts,
  PairedTest,
  Rate,
  REPORT_SCHEMA_VERSION,
  ReportOptions,
  RunComparisonReport,
  RunReport,
  ScenarioRow,
  StratifiedTest,
  UsageTotals,
  VariantRow,
} from './report-schema';
export type { ResolvedReportOptions } from './report-schema';
export { renderComparisonTerminal, renderTerminal } from './render-terminal';
export { renderComparisonHtml, renderHtml } from './render-html';
export { renderComparisonJson, renderEpisodesJson, renderJson } from './render-json';
export { escapeHtml } from './escape-html';
export { combineJudgments, JudgeDisagreement, LanguageJudgmentReport, ProvenanceRow, languageJudgments, recordJudgments } from './language-judgments';
export type { RecordJudgments } from './language-judgments';
