export { buildProgram, main } from './main';
export { loadScenario, matchScenarios } from './load-scenario';
export { formatFindings } from './format-findings';
