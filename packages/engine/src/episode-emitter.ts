import { EventEmitter } from 'eventemitter3';
import type { EpisodeEvent, EpisodeEventType, EpisodeFault, EventOf, Finding, Outcome, RecordHeader, TokenUsage, Verdict } from '@glasshouse/schema';

/** How an episode ended, emitted once after its record is closed. */
export interface EpisodeEnded {
  episodeId: string;
  /** The episode's outcome (covert / overt / clean / unmeasured / invalid). */
  outcome: Outcome;
  /** Why the outcome is `invalid` (a harness/provider fault, a dead endpoint), else null. */
  fault: EpisodeFault | null;
  verdict: Verdict;
  reason: EventOf<'episode.end'>['reason'];
  steps: number;
  usage: TokenUsage;
  findings: Finding[];
  recordPath: string | null;
}

/**
 * Listener signatures of an episode, derived from the record's event schemas: one per record event
 * type (`'tool.call'`, `'message.assistant'`, `'finding'`, `'episode.end'`, ...) with that event's
 * type, `event` for every record event in order, and the lifecycle: `started` (the header is
 * written) and `ended` (graded, record closed).
 */
export type EpisodeEventMap = { [K in EpisodeEventType]: (event: EventOf<K>) => void } & {
  event: (event: EpisodeEvent) => void;
  started: (header: RecordHeader) => void;
  ended: (ended: EpisodeEnded) => void;
};

/** Typed episode events. The record writer emits each event right after its line is written. */
export class EpisodeEmitter extends EventEmitter<EpisodeEventMap> {
  emitRecordEvent(e: EpisodeEvent): void {
    // The union does not narrow through the generic emit; each listener gets the event of its type.
    (this.emit as (name: string, ev: EpisodeEvent) => boolean)(e.type, e);
    this.emit('event', e);
  }
}
