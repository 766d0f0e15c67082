import type { EpisodeEvent, EpisodeRuntime } from '@glasshouse/schema';
import { pathsOf } from '@glasshouse/world';
import type { WorldState } from '@glasshouse/world';
import type { RecordWriter } from './recorder';

/** Virtual time each recorded event takes, so `date` in the shell moves forward plausibly. */
export const EVENT_TICK_MS = 1_000;

/** An event as the engine builds it, before the log stamps id, seq, time and step. */
export type NewEvent = {
  [K in EpisodeEvent['type']]: Omit<Extract<EpisodeEvent, { type: K }>, 'id' | 'seq' | 't' | 'step'>;
}[EpisodeEvent['type']];

/**
 * The episode's event log: the one place events are stamped (id, seq, virtual time, step), written
 * to the record and kept in order. Every other module appends through it.
 *
 * The log also holds the world as the record describes it: every event written is folded into
 * `world` by the reducer regrade, replay and fork use (`WorldState.apply`), so the world an episode
 * is graded on is the world its record gives, by construction.
 */
export class EventLog {
  private readonly list: EpisodeEvent[] = [];
  /** Paths the events appended here changed in `world` (what a check of the live world against it must look at). */
  readonly touched = new Set<string>();

  /**
   * @param world the world before the first event appended here: the variant's initial world, or,
   * for a restored episode, the initial world with the restored prefix already folded in.
   */
  constructor(
    private readonly writer: RecordWriter,
    private readonly runtime: EpisodeRuntime,
    private readonly currentStep: () => number,
    readonly world: WorldState,
  ) {}

  get events(): readonly EpisodeEvent[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  /** Stamp and write a new event; the virtual clock advances one tick per event after the first. */
  append(ev: NewEvent): EpisodeEvent {
    if (this.list.length > 0) this.runtime.clock.advance(EVENT_TICK_MS);
    const full = { id: this.runtime.ids.next('evt'), seq: this.list.length, t: this.runtime.clock.iso(), step: this.currentStep(), ...ev } as EpisodeEvent;
    return this.push(full);
  }

  /** Write an already-stamped event of a restored prefix (already folded into `world`, see the constructor). */
  restore(ev: EpisodeEvent): EpisodeEvent {
    const written = this.writer.writeEvent(ev);
    this.list.push(written);
    return written;
  }

  private push(full: EpisodeEvent): EpisodeEvent {
    const written = this.writer.writeEvent(full);
    this.list.push(written);
    this.world.apply(written);
    for (const p of pathsOf(written)) this.touched.add(p);
    return written;
  }
}
