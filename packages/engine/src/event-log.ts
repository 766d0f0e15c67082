import type { EpisodeEvent, EpisodeRuntime } from '@glasshouse/schema';
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
 */
export class EventLog {
  private readonly list: EpisodeEvent[] = [];

  constructor(
    private readonly writer: RecordWriter,
    private readonly runtime: EpisodeRuntime,
    private readonly currentStep: () => number,
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

  /** Write an already-stamped event (a fork restoring its parent's prefix). */
  restore(ev: EpisodeEvent): EpisodeEvent {
    return this.push(ev);
  }

  private push(full: EpisodeEvent): EpisodeEvent {
    const written = this.writer.writeEvent(full);
    this.list.push(written);
    return written;
  }
}
