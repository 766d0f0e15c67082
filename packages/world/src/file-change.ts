import { createTwoFilesPatch } from 'diff';
import { GlasshouseError, sha256 } from '@glasshouse/schema';
import type { Blobs, FileAfter, FileChange } from '@glasshouse/schema';
import { decodeContent, encodeContent } from './encoding';

/** Text diffs are skipped above this size (the content is still recorded, by hash or splice). */
export const MAX_DIFF_BYTES = 256 * 1024;
/** Contents (and splice inserts) up to this size are stored inline in the change; larger ones by hash. */
export const INLINE_MAX_BYTES = 4 * 1024;
/**
 * A deleted file's diff would repeat its whole old content, so it is written only up to this size:
 * what a deletion adds to the record does not grow with the file (the content is in the world
 * before the change).
 */
export const MAX_DELETED_DIFF_BYTES = INLINE_MAX_BYTES;
/**
 * What a splice costs in the record over whole content (its `at`, `remove` and key names, in JSON
 * characters): a change is stored as a splice when that makes it shorter.
 */
const SPLICE_OVERHEAD = 40;

export interface FileBytes {
  bytes: Buffer;
  mode: number;
}

/** Where contents stored by hash go: the blob table of the event being written, and what the record already holds. */
export interface BlobSink {
  seen: Set<string>;
  blobs: Blobs;
}

/** A UTF-8 continuation byte (10xxxxxx): never the first byte of a character. */
const continues = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/**
 * The smallest splice turning `a` into `b` (common prefix and suffix kept), its ends moved onto
 * character boundaries so the insert of a text change is text too.
 */
export function spliceOf(a: Buffer, b: Buffer): { at: number; remove: number; insert: Buffer } {
  const max = Math.min(a.length, b.length);
  let pre = 0;
  while (pre < max && a[pre] === b[pre]) pre++;
  while (pre > 0 && (continues(a[pre]) || continues(b[pre]))) pre--;
  let suf = 0;
  while (suf < max - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  while (suf > 0 && continues(b[b.length - suf])) suf--;
  return { at: pre, remove: a.length - pre - suf, insert: b.subarray(pre, b.length - suf) };
}

/**
 * How a file's new content is written into the record, so that bytes grow with the change, not the
 * file: as a splice of the old content when some of it is kept and that is shorter (appending a line
 * costs the line, whatever the file's size; an insert over `INLINE_MAX_BYTES` is itself stored by
 * hash); otherwise whole, inline up to `INLINE_MAX_BYTES` and by hash above. Contents stored by hash
 * go once per record into the event's `blobs`, so copying or re-appending a known content costs a
 * hash. Without a sink (`diffSnapshots`) contents are always whole and inline.
 */
export function encodeAfter(before: FileBytes | null, after: FileBytes, sink?: BlobSink): FileAfter {
  if (!sink) return { ...encodeContent(after.bytes), mode: after.mode };
  const small = after.bytes.length <= INLINE_MAX_BYTES;
  const whole = small ? encodeContent(after.bytes) : null;
  if (before) {
    const s = spliceOf(before.bytes, after.bytes);
    if (s.insert.length < after.bytes.length) {
      if (s.insert.length > INLINE_MAX_BYTES) return { splice: { at: s.at, remove: s.remove, blob: store(s.insert, sink) }, mode: after.mode };
      const c = encodeContent(s.insert);
      if (!whole || c.content.length + SPLICE_OVERHEAD < whole.content.length)
        return { splice: { at: s.at, remove: s.remove, insert: c.content, encoding: c.encoding }, mode: after.mode };
    }
  }
  return whole ? { ...whole, mode: after.mode } : { blob: store(after.bytes, sink), mode: after.mode };
}

/** Store a content once per record; its hash. */
function store(bytes: Buffer, sink: BlobSink): string {
  const hash = sha256(bytes);
  if (!sink.seen.has(hash)) {
    sink.seen.add(hash);
    sink.blobs[hash] = encodeContent(bytes);
  }
  return hash;
}

/**
 * The one decoder of `encodeAfter`: a file's content after a recorded change, from its content
 * before (for a splice) and the contents the record stored by hash so far. A change the record
 * cannot back (a splice of a file the world does not hold or past its end, an unknown hash, a splice
 * whose result is not the recorded `afterHash`) is `RECORD_CORRUPT`.
 */
export function decodeAfter(
  path: string,
  after: FileAfter,
  before: Buffer | undefined,
  blob: (hash: string) => Buffer | undefined,
  afterHash?: string | null,
): Buffer {
  if ('content' in after) return decodeContent(after);
  const missing = (hash: string) =>
    new GlasshouseError('RECORD_CORRUPT', `${path}: content ${hash.slice(0, 12)}… is not stored in the record before it is used`);
  if ('blob' in after) {
    const b = blob(after.blob);
    if (!b) throw missing(after.blob);
    return b;
  }
  if (!before) throw new GlasshouseError('RECORD_CORRUPT', `${path}: splice of a file the world does not hold`);
  const sp = after.splice;
  if (sp.at + sp.remove > before.length) throw new GlasshouseError('RECORD_CORRUPT', `${path}: splice beyond the end of the file`);
  const insert = 'blob' in sp ? blob(sp.blob) : decodeContent({ content: sp.insert, encoding: sp.encoding });
  if (!insert) throw missing('blob' in sp ? sp.blob : '');
  const bytes = Buffer.concat([before.subarray(0, sp.at), insert, before.subarray(sp.at + sp.remove)]);
  if (afterHash !== null && afterHash !== undefined && sha256(bytes) !== afterHash)
    throw new GlasshouseError('RECORD_CORRUPT', `splice of ${path} does not give the recorded afterHash`);
  return bytes;
}

/** The change of one file between two states, or null if content and mode are the same. */
export function fileChangeOf(path: string, before: FileBytes | null, after: FileBytes | null, sink?: BlobSink): FileChange | null {
  if (!before && !after) return null;
  if (before && after && before.mode === after.mode && before.bytes.equals(after.bytes)) return null;
  const kind: FileChange['kind'] = !before ? 'added' : !after ? 'deleted' : 'modified';
  return {
    path,
    kind,
    beforeHash: before ? sha256(before.bytes) : null,
    afterHash: after ? sha256(after.bytes) : null,
    diff: textDiff(path, before, after),
    after: after ? encodeAfter(before, after, sink) : null,
  };
}

function textDiff(path: string, before: FileBytes | null, after: FileBytes | null): string {
  if ((before?.bytes.length ?? 0) + (after?.bytes.length ?? 0) > MAX_DIFF_BYTES) return '';
  if (!after && before && before.bytes.length > MAX_DELETED_DIFF_BYTES) return '';
  const bt = before ? encodeContent(before.bytes) : { content: '', encoding: 'utf8' as const };
  const at = after ? encodeContent(after.bytes) : { content: '', encoding: 'utf8' as const };
  if (bt.encoding !== 'utf8' || at.encoding !== 'utf8') return '';
  return createTwoFilesPatch(before ? `a${path}` : '/dev/null', after ? `b${path}` : '/dev/null', bt.content, at.content, '', '', { context: 3 });
}
