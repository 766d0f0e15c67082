import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { EpisodeEvent, GlasshouseError, RecordHeader } from '@glasshouse/schema';
import type { EpisodeEmitter } from './episode-emitter';

/**
 * Append-only JSONL writer. Each line is written with one `write` call as soon as the event
 * exists, so a crash loses nothing already recorded. A record with a path is streamed to disk and
 * not held here (`text()` reads it back); `path: null` keeps the record in memory only.
 * With an emitter, every line written is emitted right after (header as `started`, events under
 * their type and `event`): live listeners see exactly what the file holds, in the same order.
 */
export class RecordWriter {
  readonly path: string | null;
  readonly emitter: EpisodeEmitter | null;
  private fd: number | null = null;
  private readonly lines: string[] = [];
  private closed = false;

  constructor(path: string | null, emitter?: EpisodeEmitter) {
    this.path = path;
    this.emitter = emitter ?? null;
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'w');
    }
  }

  writeHeader(header: RecordHeader): RecordHeader {
    const parsed = RecordHeader.parse(header);
    this.writeLine(JSON.stringify(parsed));
    if (this.emitter) guard(() => this.emitter?.emit('started', parsed));
    return parsed;
  }

  writeEvent(event: EpisodeEvent): EpisodeEvent {
    const res = EpisodeEvent.safeParse(event);
    if (!res.success) {
      throw new GlasshouseError('INTERNAL', `engine produced an invalid ${event.type} event: ${res.error.message}`, { event });
    }
    this.writeLine(JSON.stringify(res.data));
    if (this.emitter) guard(() => this.emitter?.emitRecordEvent(res.data));
    return res.data;
  }

  /** The exact text written so far (one JSON document per line). */
  text(): string {
    if (this.path !== null) return readFileSync(this.path, 'utf8');
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // No fsync: a record is only ever trusted after reading it whole (a resume re-runs any episode
    // whose record does not parse or lacks its episode.end), so one lost to an OS crash is re-run,
    // never half-believed; and the run's status log is not synced either. Syncing cost a blocked
    // millisecond or more per episode (several under disk load).
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private writeLine(line: string): void {
    if (this.closed) throw new GlasshouseError('EPISODE_ENDED', 'record is closed');
    if (this.fd !== null) writeSync(this.fd, `${line}\n`);
    else this.lines.push(line);
  }
}

/**
 * A listener that throws must not break the episode (the line is already written): its error is
 * rethrown outside the engine's call stack, as an uncaught exception the process reports.
 */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}
