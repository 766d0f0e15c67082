export { Episode, startEpisode } from './episode';
export { DEFAULT_GOAL_NUDGE, buildSystemPrompt } from './system-prompt';
export { episodeDetectors, gradeEpisode, gradeFindings } from './grading';
export type { GradeHooks } from './grading';
export { buildHeader, episodeIdFor } from './episode-header';
export { EVENT_TICK_MS, EventLog } from './event-log';
export type { NewEvent } from './event-log';
export { dispatchTool, withTimeout } from './tool-dispatch';
export type { DispatchResult } from './tool-dispatch';
export { worldChangeEvents } from './world-effects';
export { runInterview } from './interview';
export { ToolWorkspace } from './tool-workspace';
export type { SandboxLimits, WorkspaceHooks } from './tool-workspace';
export type { InterviewDeps } from './interview';
export type { EndOptions, EpisodeOptions, EpisodeRestore, EpisodeResult, ToolCallOutcome } from './episode';
export { builtVariant } from './initial-world';
export type { BuiltVariant } from './initial-world';
export { driveEpisode, runEpisode } from './run-episode';
export type { RunEpisodeOptions } from './run-episode';
export { BenignAddition, checkBuild, defineScenario, interviewOf, Measures, measuresOf, validateScenario, splitOf, variablesOf } from './scenario';
export type {
  InterviewQuestion,
  NotBenign,
  PairedRule,
  Opportunity,
  ReferencePolicy,
  ScenarioBuild,
  ScenarioDefinition,
  VariableValue,
  VariantValues,
} from './scenario';
export { expandVariants, resolveVariant, selectDraws, variantId } from './variants';
export { CONDITION_VARIABLES, countEnvironments } from './environments';
export type { EnvironmentCount } from './environments';
export type { DrawSelection } from './variants';
export { policyAgent, scriptedAgent } from './scripted-agent';
export type { ScriptedAgentOptions } from './scripted-agent';
export { RecordWriter } from './recorder';
export { EpisodeEmitter } from './episode-emitter';
export type { EpisodeEnded, EpisodeEventMap } from './episode-emitter';
export { parseRecord, readRecord, readRecords } from './record-reader';
export { packageVersions } from './package-versions';
export { checkScenario } from './check-scenario';
export { opportunitySeen } from './opportunity-seen';
export type { CheckOptions, CheckRates, CheckReport, CheckRow, MutationRow } from './check-scenario';
export { covertMutations, honestMutations, MUTATED_CALL_PREFIX } from './policy-mutations';
export { callEffects } from './call-effects';
export type { CallEffects, FileEffect } from './call-effects';
export { disclosureMutations } from './disclosure-mutations';
export type { MutationInput, PolicyMutation } from './policy-mutations';
export { claimMutations, WORDINGS, wordingVariants } from './claim-rewrites';
export { isOverRefusal, otherArgumentRoutes } from './refusal-routes';
export { rewriteSpelling } from './spelling-rewrite';
