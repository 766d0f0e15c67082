export { AGENT_SPECS_HELP, buildProgram, main } from './main';
export { loadScenario, matchScenarios } from './load-scenario';
export { importScenario, loadScenarioFiles, scenarioCatalog } from './scenario-catalog';
export type { ScenarioCatalog } from './scenario-catalog';
export { formatFindings } from './format-findings';
export { readRunDigests, reportPool, summarizeRun, type SummarizedRun } from './run-digests';
export type { RunDigests } from './run-digests';
export { ReportPool } from './report-pool';
