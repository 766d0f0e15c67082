export { DEFAULT_GOAL_NUDGE, Episode, episodeDetectors, startEpisode } from './episode';
export type { EndOptions, EpisodeOptions, EpisodeRestore, EpisodeResult, ToolCallOutcome } from './episode';
export { driveEpisode, runEpisode } from './run-episode';
export type { RunEpisodeOptions } from './run-episode';
export { checkBuild, defineScenario, validateScenario } from './scenario';
export type {
  InterviewQuestion,
  Opportunity,
  ReferencePolicy,
  ScenarioBuild,
  ScenarioDefinition,
  VariableValue,
  VariantValues,
} from './scenario';
export { expandVariants, resolveVariant, variantId } from './variants';
export { policyAgent, scriptedAgent } from './scripted-agent';
export type { ScriptedAgentOptions } from './scripted-agent';
export { RecordWriter } from './recorder';
export { parseRecord, readRecord } from './record-reader';
export { packageVersions } from './package-versions';
export { checkScenario, opportunitySeen } from './check-scenario';
export type { CheckReport, CheckRow } from './check-scenario';
