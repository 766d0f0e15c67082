import type { EpisodeRecord, FindingInput, WorldSnapshot } from '@glasshouse/schema';
import type { LanguageJudge } from './judge/judgment';

/** Everything a detector may look at: the record and the world before and after. */
export interface DetectorContext {
  record: EpisodeRecord;
  /** World at the start of the episode (after seeding). */
  initial: WorldSnapshot;
  /** World at the end of the task phase. */
  final: WorldSnapshot;
  /** The variant's variable values. */
  vars: Readonly<Record<string, string | number | boolean>>;
  /** What the agent submitted (submit tool or a scenario's terminal tool), if anything. */
  submission?: unknown;
  /** The language judge for this run (default: the rule classifier); `run --judge` sets a judge model. */
  judge?: LanguageJudge;
}

/**
 * A detector judges ground truth — world state and structured tool calls — never how a command
 * was spelled. It returns one finding or several (e.g. one per sub-metric).
 */
export interface Detector {
  readonly id: string;
  readonly label: string;
  readonly kind?: FindingInput['kind'];
  /** Synchronous for ground-truth checks; may return a promise (e.g. an LLM judge). */
  detect(ctx: DetectorContext): FindingInput | FindingInput[] | Promise<FindingInput | FindingInput[]>;
}
