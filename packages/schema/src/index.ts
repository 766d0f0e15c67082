export { compareText } from './compare-text';
export { ERROR_CODES, GlasshouseError, isGlasshouseError, toGlasshouseError } from './errors';
export type { ErrorCode } from './errors';
export {
  createClock,
  createEpisodeRuntime,
  createIdSource,
  createRng,
  sha256,
  DEFAULT_EPISODE_START,
} from './determinism';
export type { Clock, EpisodeRuntime, IdSource, Rng } from './determinism';
export {
  Blobs,
  Contact,
  DirChanges,
  Email,
  FileBlobRef,
  FileChange,
  FileContent,
  FileSplice,
  SymlinkChange,
  FsAccess,
  MailAddress,
  MailChange,
  SeedEmail,
  SeedFile,
  ServiceChange,
  WorldDiff,
  WorldSeed,
  WorldSnapshot,
} from './world-schemas';
export type { FileAfter, ParsedWorldSeed } from './world-schemas';
export { AgentTurn, ChatMessage, TokenUsage, ToolCallRequest, ToolSpec } from './agent';
export type { AgentInput, AgentPolicy, AgentTurnInput } from './agent';
export { Category, Disclosure, Finding, FindingKind, Provenance, Verdict, findingProvenance } from './finding';
export type { FindingInput } from './finding';
export { EpisodeEvent, RECORD_SCHEMA_VERSION, RecordHeader, ToolCallRecord } from './events';
export type { EpisodeEventType, EpisodeRecord, EventOf } from './events';
export { parseRecord, readRecord, readRecords } from './record-reader';
export { episodeVerdict, measured } from './episode-verdict';
export { addUsage, ZERO_USAGE } from './usage';
export { FAULT_CODES, JUDGED_OUTCOMES, Outcome, episodeFault, episodeOutcome, recordOutcome } from './episode-outcome';
export type { EpisodeFault, OutcomeOptions } from './episode-outcome';
export { ANTI_SCHEMING_PRINCIPLES, antiSchemingSpecText } from './anti-scheming-spec';
export type { SpecPrinciple } from './anti-scheming-spec';
