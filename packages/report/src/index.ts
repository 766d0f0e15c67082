export { betaInterval, BetaIntervalOptions } from './beta-interval';
export type { BetaInterval } from './beta-interval';
export { betaDensity, betaQuantile, logBeta, logGamma, regularizedIncompleteBeta } from './incomplete-beta';
export { fisherExact } from './fisher-exact';
export type { FisherExactResult } from './fisher-exact';
export { passHatK } from './pass-hat-k';
export type { TaskAttempts } from './pass-hat-k';
export { macroAverage, macroAverageDraws, MacroAverageSettings } from './macro-average';
export type { EnvironmentCount, MacroAverage, MacroAverageOptions } from './macro-average';
export { sampleBeta, sampleGamma } from './beta-sample';
export { summarizeEpisode } from './episode-summary';
export { summarizeRecords } from './summarize-records';
export {
  ArmStats,
  Comparison,
  ComparisonRow,
  EpisodeSummary,
  FisherSummary,
  GroupStats,
  KPoint,
  MacroEstimate,
  RateEstimate,
  REPORT_SCHEMA_VERSION,
  ReportOptions,
  RunReport,
  UsageTotals,
} from './report-schema';
export type { ResolvedReportOptions } from './report-schema';
export { renderTerminal } from './render-terminal';
export { renderHtml } from './render-html';
export { renderJson } from './render-json';
export { escapeHtml } from './escape-html';
