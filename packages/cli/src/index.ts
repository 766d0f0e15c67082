export { AGENT_SPECS_HELP, buildProgram, main } from './main';
export { loadScenario, matchScenarios } from './load-scenario';
export { importScenario, loadScenarioFiles, scenarioCatalog } from './scenario-catalog';
export type { ScenarioCatalog } from './scenario-catalog';
export { formatFindings } from './format-findings';
export { readRunDigests } from './run-digests';
export type { ReadDigestsOptions, RunDigests } from './run-digests';
