import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { EpisodeEvent, RECORD_SCHEMA_VERSION, RecordHeader } from '@glasshouse/schema';

export type TailChange = 'unchanged' | 'grew' | 'reset' | 'gone';

const NL = 0x0a;
const MAX_CHUNK = 8 * 1024 * 1024;
const TAIL_BYTES = 64;

/**
 * A record file read as it grows. Only complete lines are consumed; a partial last line (the writer
 * mid-line, or a crash) stays unread until its newline arrives. A file that shrinks or is replaced
 * (a resumed run rewriting an unfinished record) is read again from the start. Line by line it
 * accepts exactly what `parseRecord` accepts, and stops at the first bad line with the same kind of
 * warning.
 */
export class RecordTail {
  readonly file: string;
  header: RecordHeader | null = null;
  events: EpisodeEvent[] = [];
  /** Lower-cased text of the consumed lines (phrase search). */
  lowerText = '';
  /** Why reading stopped before the end (a corrupt line), or why the header is unusable. */
  problem: string | null = null;
  private offset = 0;
  private size = 0;
  private ino = -1;
  /** The last bytes consumed, to notice a file rewritten under the same name. */
  private tail: Buffer = Buffer.alloc(0);
  private mtimeMs = -1;

  constructor(file: string) {
    this.file = file;
  }

  get ended(): boolean {
    return this.events.at(-1)?.type === 'episode.end';
  }

  /** Bytes after the last complete line (a line being written, or truncated by a crash). */
  get partialBytes(): number {
    return this.size - this.offset;
  }

  /** Warnings as `parseRecord` would give them for the file as it is now. */
  warnings(): string[] {
    if (this.problem) return [this.problem];
    if (this.ended) return [];
    if (this.partialBytes > 0)
      return [
        `${this.file}:${this.events.length + 2}: truncated last line (still being written, or cut off); read ${this.events.length} events up to line ${this.events.length + 1}`,
      ];
    return [`${this.file}: record has no episode.end event (the episode did not finish)`];
  }

  /** Read whatever was appended since the last poll. */
  poll(): TailChange {
    let st: Stats;
    try {
      st = statSync(this.file);
    } catch {
      const had = this.ino !== -1;
      this.clear();
      this.ino = -1;
      return had ? 'gone' : 'unchanged';
    }
    let change: TailChange = 'unchanged';
    // Appends always change the size; the same size with a new mtime is a rewrite.
    const rewritten = st.size < this.size || (st.size === this.size && st.mtimeMs !== this.mtimeMs) || !this.sameTail();
    if (this.ino !== -1 && (st.ino !== this.ino || rewritten)) {
      // Replaced or rewritten in place (a resumed run re-running an unfinished episode): start over.
      this.clear();
      change = 'reset';
    }
    this.ino = st.ino;
    this.mtimeMs = st.mtimeMs;
    const before = this.events.length + (this.header ? 1 : 0);
    const hadPartial = this.partialBytes;
    this.size = st.size;
    if (st.size > this.offset && !this.problem) this.consume();
    if (change === 'reset') return change;
    return this.events.length + (this.header ? 1 : 0) !== before || this.partialBytes !== hadPartial ? 'grew' : 'unchanged';
  }

  /** Are the last bytes consumed still there? (Catches a rewrite that grew past the old size.) */
  private sameTail(): boolean {
    if (this.offset === 0 || this.tail.length === 0) return true;
    const buf = Buffer.alloc(this.tail.length);
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return false;
    }
    try {
      const got = readSync(fd, buf, 0, buf.length, this.offset - this.tail.length);
      return got === buf.length && buf.equals(this.tail);
    } finally {
      closeSync(fd);
    }
  }

  private clear(): void {
    this.header = null;
    this.events = [];
    this.lowerText = '';
    this.problem = null;
    this.offset = 0;
    this.size = 0;
    this.tail = Buffer.alloc(0);
  }

  private consume(): void {
    const fd = openSync(this.file, 'r');
    try {
      while (this.offset < this.size && !this.problem) {
        const want = Math.min(this.size - this.offset, MAX_CHUNK);
        const buf = Buffer.allocUnsafe(want);
        const got = readSync(fd, buf, 0, want, this.offset);
        if (got <= 0) break;
        const lastNl = buf.lastIndexOf(NL, got - 1);
        if (lastNl < 0) {
          if (got === MAX_CHUNK) this.problem = `${this.file}: a line longer than ${MAX_CHUNK} bytes`;
          break;
        }
        // Newlines never occur inside a multi-byte UTF-8 sequence, so complete lines decode whole.
        const text = buf.toString('utf8', 0, lastNl + 1);
        let consumed = 0;
        for (const line of text.split('\n').slice(0, -1)) {
          if (!this.take(line)) break;
          consumed += Buffer.byteLength(line) + 1;
          this.lowerText += `${line.toLowerCase()}\n`;
        }
        this.offset += consumed;
        if (consumed > 0) this.tail = Buffer.from(buf.subarray(Math.max(0, consumed - TAIL_BYTES), consumed));
        if (consumed < lastNl + 1) break;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** One complete line; false (with `problem` set) when it cannot be read. */
  private take(line: string): boolean {
    const lineNo = this.events.length + (this.header ? 2 : 1);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.problem = this.header
        ? `${this.file}:${lineNo}: line is not valid JSON; read ${this.events.length} events up to line ${lineNo - 1}`
        : `${this.file}:1: header is not valid JSON`;
      return false;
    }
    if (!this.header) {
      const version = (json as { schemaVersion?: unknown })?.schemaVersion;
      if (typeof version === 'number' && version > RECORD_SCHEMA_VERSION) {
        this.problem = `${this.file}: record schema version ${version} is newer than this reader (${RECORD_SCHEMA_VERSION})`;
        return false;
      }
      const h = RecordHeader.safeParse(json);
      if (!h.success) {
        this.problem = `${this.file}:1: invalid header at ${h.error.issues[0]?.path.join('.') || '(root)'}: ${h.error.issues[0]?.message}`;
        return false;
      }
      this.header = h.data;
      return true;
    }
    const ev = EpisodeEvent.safeParse(json);
    if (!ev.success) {
      this.problem = `${this.file}:${lineNo}: invalid event at ${ev.error.issues[0]?.path.join('.') || '(root)'}: ${ev.error.issues[0]?.message}; read ${this.events.length} events up to line ${lineNo - 1}`;
      return false;
    }
    if (ev.data.seq !== this.events.length) {
      this.problem = `${this.file}:${lineNo}: event seq ${ev.data.seq} where ${this.events.length} was expected; read ${this.events.length} events up to line ${lineNo - 1}`;
      return false;
    }
    this.events.push(ev.data);
    return true;
  }
}
