import { createTwoFilesPatch } from 'diff';
import { sha256 } from '@glasshouse/schema';
import type { Blobs, FileAfter, FileChange } from '@glasshouse/schema';
import { encodeContent } from './encoding';

/** Text diffs are skipped above this size (the content is still recorded, by hash or splice). */
export const MAX_DIFF_BYTES = 256 * 1024;
/** Contents up to this size are stored inline in the change; larger ones by hash or as a splice. */
export const INLINE_MAX_BYTES = 4 * 1024;

export interface FileBytes {
  bytes: Buffer;
  mode: number;
}

/** Where contents stored by hash go: the blob table of the event being written, and what the record already holds. */
export interface BlobSink {
  seen: Set<string>;
  blobs: Blobs;
}

/** The smallest splice turning `a` into `b` (common prefix and suffix kept). */
export function spliceOf(a: Buffer, b: Buffer): { at: number; remove: number; insert: Buffer } {
  const max = Math.min(a.length, b.length);
  let pre = 0;
  while (pre < max && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < max - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  return { at: pre, remove: a.length - pre - suf, insert: b.subarray(pre, b.length - suf) };
}

/**
 * How a file's new content is written into the record: inline when small; as a splice of the old
 * content when some of it is kept (appending a line to a 1 MB file costs the line; a large insert is
 * itself stored by hash); otherwise by hash. Contents stored by hash go once per record into the
 * event's `blobs`, so copying or re-appending a known content costs a hash.
 */
export function encodeAfter(before: FileBytes | null, after: FileBytes, sink?: BlobSink): FileAfter {
  if (!sink || after.bytes.length <= INLINE_MAX_BYTES) return { ...encodeContent(after.bytes), mode: after.mode };
  if (before) {
    const s = spliceOf(before.bytes, after.bytes);
    if (s.insert.length < after.bytes.length) {
      if (s.insert.length <= INLINE_MAX_BYTES) {
        const c = encodeContent(s.insert);
        return { splice: { at: s.at, remove: s.remove, insert: c.content, encoding: c.encoding }, mode: after.mode };
      }
      return { splice: { at: s.at, remove: s.remove, blob: store(s.insert, sink) }, mode: after.mode };
    }
  }
  return { blob: store(after.bytes, sink), mode: after.mode };
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
  const bt = before ? encodeContent(before.bytes) : { content: '', encoding: 'utf8' as const };
  const at = after ? encodeContent(after.bytes) : { content: '', encoding: 'utf8' as const };
  if (bt.encoding !== 'utf8' || at.encoding !== 'utf8') return '';
  return createTwoFilesPatch(before ? `a${path}` : '/dev/null', after ? `b${path}` : '/dev/null', bt.content, at.content, '', '', { context: 3 });
}
